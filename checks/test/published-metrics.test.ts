// The published-metric catalogue derived from aws-cdk-lib's canned metrics: the sets the
// alarms.coverage check relies on are there, the impossible ones are not, and the reference
// inventory alarms only on published sets.
import { describe, expect, it } from 'vitest';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { alarmMetrics } from '../rules/alarms.coverage';
import { read } from '../rules/lib/collected';
import { describeDimensionSets, isPublishedDimensionSet, publishedDimensionSets } from '../rules/lib/published-metrics';

describe('published metric catalogue', () => {
  // ElastiCache metrics are "measured and published for each cache node" (CacheClusterId, CacheNodeId): https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.html
  it('publishes ElastiCache metrics per CacheClusterId (and CacheNodeId), never per ReplicationGroupId', () => {
    for (const metric of ['EngineCPUUtilization', 'DatabaseMemoryUsagePercentage', 'CPUUtilization', 'FreeableMemory']) {
      const sets = publishedDimensionSets('AWS/ElastiCache', metric)!;
      expect(sets).toEqual(expect.arrayContaining([['CacheClusterId'], ['CacheClusterId', 'CacheNodeId']]));
      expect(sets.flat()).not.toContain('ReplicationGroupId');
      expect(isPublishedDimensionSet('AWS/ElastiCache', metric, ['ReplicationGroupId'])).toBe(false);
    }
  });

  // ALB metric dimensions: UnHealthyHostCount/HealthyHostCount per TargetGroup with LoadBalancer: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
  it('publishes UnHealthyHostCount and HealthyHostCount only with TargetGroup and LoadBalancer together', () => {
    for (const metric of ['UnHealthyHostCount', 'HealthyHostCount']) {
      expect(isPublishedDimensionSet('AWS/ApplicationELB', metric, ['TargetGroup', 'LoadBalancer'])).toBe(true);
      expect(isPublishedDimensionSet('AWS/ApplicationELB', metric, ['AvailabilityZone', 'LoadBalancer', 'TargetGroup'])).toBe(true);
      expect(isPublishedDimensionSet('AWS/ApplicationELB', metric, ['LoadBalancer'])).toBe(false);
      expect(isPublishedDimensionSet('AWS/ApplicationELB', metric, ['TargetGroup'])).toBe(false);
    }
    expect(isPublishedDimensionSet('AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ['LoadBalancer'])).toBe(true);
  });

  it('knows the other required alarms: ASG CPU, RDS CPU and free storage, per namespace', () => {
    expect(isPublishedDimensionSet('AWS/EC2', 'CPUUtilization', ['AutoScalingGroupName'])).toBe(true);
    expect(isPublishedDimensionSet('AWS/RDS', 'CPUUtilization', ['DBInstanceIdentifier'])).toBe(true);
    expect(isPublishedDimensionSet('AWS/RDS', 'FreeStorageSpace', ['DBInstanceIdentifier'])).toBe(true);
    // The namespace tells metrics of the same name apart (NetworkELB has its own catalogue).
    expect(isPublishedDimensionSet('AWS/NetworkELB', 'UnHealthyHostCount', ['LoadBalancer', 'TargetGroup'])).toBe(true);
    expect(isPublishedDimensionSet('AWS/RDS', 'CPUUtilization', ['AutoScalingGroupName'])).toBe(false);
  });

  it('says "not known" for a metric the catalogue does not list, instead of guessing', () => {
    expect(publishedDimensionSets('CloudMart/App', 'OrdersPerMinute')).toBeUndefined();
    expect(isPublishedDimensionSet('CloudMart/App', 'OrdersPerMinute', ['Service'])).toBeUndefined();
  });

  it('describes the sets for a sentence', () => {
    expect(describeDimensionSets([['CacheClusterId'], ['CacheClusterId', 'CacheNodeId'], []])).toBe('CacheClusterId, CacheClusterId+CacheNodeId or no dimensions');
  });

  it('every alarm of the reference inventory watches a published dimension set', () => {
    for (const alarm of read(referenceInventory().cloudwatch.metricAlarms)) {
      for (const m of alarmMetrics(alarm)) {
        const names = m.dimensions.map((d) => d.Name ?? '');
        expect(isPublishedDimensionSet(m.namespace ?? '', m.name ?? '', names), `${alarm.AlarmName}: ${m.namespace} ${m.name} ${names.join('+')}`).toBe(true);
      }
    }
  });
});
