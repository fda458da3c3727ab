// The console text of `cleanup`, in the reader's language: what belongs to the deployment,
// with its expiry, what cleanup will do (or did) with each and why, and what is left.
import type { DiscoveredResource } from '../contract/inventory';
import type { CleanupPlan, Expiry } from './plan';
import type { CleanupOutcome } from './delete-deployment';
import { say, type Lang, type Said } from './text';

const ACTIONS: Record<string, Said> = {
  delete: say('삭제', 'delete'),
  'with-stack': say('스택과 함께', 'with-stack'),
  'with-parent': say('상위와 함께', 'with-parent'),
  keep: say('유지', 'keep'),
};

export function formatPlan(plan: CleanupPlan, now: Date, lang: Lang): string {
  const lines = [
    say(
      `${plan.student}의 배포 (${plan.region}, 계정 ${plan.accountId}): 스택 ${plan.stacks.length}개, 리소스 ${plan.resources.length}개.`,
      `Deployment of ${plan.student} in ${plan.region} (account ${plan.accountId}): ${plan.stacks.length} stack(s), ${plan.resources.length} resource(s).`,
    )[lang],
    '',
  ];
  if (plan.stacks.length > 0) {
    lines.push(say('스택', 'Stacks')[lang]);
    for (const s of plan.stacks) lines.push(`  ${pad(ACTIONS[s.action]![lang], 11)} ${pad(s.stack.name, 40)} ${pad(s.stack.status, 18)} ${expiry(s, now, lang)}  (${s.reason[lang]})`);
    lines.push('');
  }
  lines.push(say('리소스', 'Resources')[lang]);
  for (const r of [...plan.resources].sort((a, b) => order(a.action) - order(b.action) || a.resource.type.localeCompare(b.resource.type))) {
    lines.push(`  ${pad(ACTIONS[r.action]![lang], 11)} ${pad(r.resource.type, 40)} ${pad(r.resource.id, 44)} ${expiry(r, now, lang)}  (${r.reason[lang]})`);
  }
  return lines.join('\n');
}

export function formatListOnly(plan: CleanupPlan, lang: Lang): string {
  const stacks = plan.stacks.filter((s) => s.action === 'delete').length;
  const resources = plan.resources.filter((r) => r.action === 'delete').length;
  return stacks + resources === 0
    ? say('목록만 보였습니다: cleanup이 지울 것이 없습니다.', 'Listed only: nothing here is for cleanup to delete.')[lang]
    : say(
        `목록만 보였고 아무것도 지우지 않았습니다: "${ACTIONS.delete!.ko}"로 표시된 스택 ${stacks}개와 리소스 ${resources}개를 지우려면 --yes를 붙여 다시 실행하세요("${ACTIONS['with-stack']!.ko}"로 표시된 리소스는 스택과 함께 지워집니다).`,
        `Listed only, nothing was deleted: run again with --yes to delete ${stacks} stack(s) and ${resources} resource(s) marked "delete" (resources marked "with-stack" go with their stack).`,
      )[lang];
}

export function formatOutcome(outcome: CleanupOutcome, lang: Lang): string {
  const deletedStacks = outcome.stacks.filter((s) => s.status === 'deleted').length;
  const deleted = outcome.resources.filter((r) => r.status === 'deleted' || r.status === 'with-stack').length;
  const kept = outcome.resources.filter((r) => r.status === 'kept').length;
  const failedStacks = outcome.stacks.filter((s) => s.status === 'failed');
  const failed = outcome.resources.filter((r) => r.status === 'failed');
  const lines: string[] = [];
  if (outcome.interrupted) lines.push(say('중단되었습니다(Ctrl-C).', 'Interrupted (Ctrl-C).')[lang]);
  lines.push(
    say(
      `스택 ${deletedStacks}개와 리소스 ${deleted}개를 지웠고, cleanup이 지울 것이 아닌 리소스 ${kept}개는 남겨 두었습니다.`,
      `Deleted ${deletedStacks} stack(s) and ${deleted} resource(s); kept ${kept} resource(s) that are not cleanup's to delete.`,
    )[lang],
  );
  for (const s of outcome.stacks.filter((o) => o.notes?.length)) {
    for (const note of s.notes!) lines.push(`  ${say('스택', 'stack')[lang]} ${s.name}: ${note[lang]}`);
  }
  if (failedStacks.length + failed.length > 0) {
    lines.push(say(`지우지 못한 것 ${failedStacks.length + failed.length}개:`, `Could not delete ${failedStacks.length + failed.length}:`)[lang]);
    for (const s of failedStacks) lines.push(`  ${say('스택', 'stack')[lang]} ${s.name}: ${s.reason[lang]}`);
    for (const r of failed) lines.push(`  ${r.resource.type} ${r.resource.id}: ${r.reason[lang]}`);
  }
  const leftStacks = outcome.stacks.filter((s) => s.status === 'left');
  const leftResources = outcome.resources.filter((r) => r.status === 'left');
  if (leftStacks.length + leftResources.length > 0) {
    lines.push(say(`중단으로 남은 것 ${leftStacks.length + leftResources.length}개:`, `Left by the interruption, ${leftStacks.length + leftResources.length}:`)[lang]);
    for (const s of leftStacks) lines.push(`  ${say('스택', 'stack')[lang]} ${s.name}: ${s.reason[lang]}`);
    for (const r of leftResources) lines.push(`  ${r.resource.type} ${r.resource.id}: ${r.reason[lang]}`);
  }
  lines.push(formatLeftover(outcome, lang));
  return lines.join('\n');
}

/** The last look (discovery again): nothing is left, or what is. */
function formatLeftover(outcome: CleanupOutcome, lang: Lang): string {
  const left = outcome.leftover;
  if (!left) return say('마지막 확인(다시 검색)을 하지 못했습니다: 남은 것이 없는지 cleanup을 다시 실행해 확인하세요.', 'The final check (discovery again) could not be made: run cleanup again to see whether anything is left.')[lang];
  if (left.stacks.length + left.resources.length === 0) {
    return say('다시 검색한 결과: 지우려던 것 중 남은 것이 없습니다.', 'Checked again (discovery): nothing cleanup was to delete is left.')[lang];
  }
  const lines = [say(`다시 검색한 결과 아직 남아 있는 것 ${left.stacks.length + left.resources.length}개:`, `Checked again (discovery), still there, ${left.stacks.length + left.resources.length}:`)[lang]];
  for (const name of left.stacks) lines.push(`  ${say('스택', 'stack')[lang]} ${name}`);
  for (const r of left.resources) lines.push(`  ${describe(r)}`);
  return lines.join('\n');
}

function describe(r: DiscoveredResource): string {
  return `${r.type} ${r.id}`;
}

function expiry(e: Expiry, now: Date, lang: Lang): string {
  if (e.expiresAt === undefined) return pad(say('expires-at: 없음', 'expires-at: none')[lang], 46);
  if (e.expired === null) return pad(say(`expires-at: ${e.expiresAt} (읽을 수 없음)`, `expires-at: ${e.expiresAt} (unreadable)`)[lang], 46);
  const minutes = Math.round((Date.parse(e.expiresAt) - now.getTime()) / 60_000);
  const when = e.expired ? say(`${-minutes}분 전에 지남`, `passed ${-minutes} min ago`) : say(`${minutes}분 뒤`, `in ${minutes} min`);
  return pad(`expires-at: ${e.expiresAt} (${when[lang]})`, 46);
}

function order(action: string): number {
  return ['delete', 'with-stack', 'with-parent', 'keep'].indexOf(action);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
