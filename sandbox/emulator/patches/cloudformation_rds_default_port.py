"""CloudFormation: a stack's DB instance without Port listens on its engine's default port.

Missing in moto 5.2.5: the CloudFormation handler of AWS::RDS::DBInstance defaults Port to
3306 whatever the engine, so a PostgreSQL instance a template creates without Port listens,
in the emulator, on MySQL's port. A security group open to the world on 5432 (the real
port) then looks unrelated to the database, and `sg.db-from-app-only` passes what AWS would
fail: a silent pass.

Real AWS: "Port: The port number on which the database accepts connections. Default:
PostgreSQL 5432, MySQL and MariaDB 3306, Oracle 1521, SQL Server 1433, Db2 50000."
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html

What the patch does: when the template gives no Port, the engine's default is put in before
moto's handler runs.
"""

from typing import Any

DEFAULT_PORTS = (
    ("aurora-postgresql", 5432),
    ("postgres", 5432),
    ("aurora-mysql", 3306),
    ("aurora", 3306),
    ("mysql", 3306),
    ("mariadb", 3306),
    ("oracle", 1521),
    ("sqlserver", 1433),
    ("db2", 50000),
)


def apply() -> None:
    from moto.rds.models import DBInstance

    original = DBInstance.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json.setdefault("Properties", {})
        engine = str(properties.get("Engine", "")).lower()
        if "Port" not in properties and not properties.get("DBClusterIdentifier"):
            for prefix, port in DEFAULT_PORTS:
                if engine.startswith(prefix):
                    properties["Port"] = port
                    break
        return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    DBInstance.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
