"""A small, local-only Spark session for ``kg spark`` on one machine and for the tests.

On a cluster ``spark-submit`` owns the session settings; here we keep memory, shuffle
partitions and ports small and bind everything to localhost (no UI, no network).
"""

from __future__ import annotations

import os
import sys
from typing import Any

LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.driver.memory": "2g",
    "spark.python.worker.reuse": "true",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.compression.codec": "snappy",
}


def get_session(master: str | None = None, app: str = "kg", conf: dict[str, str] | None = None) -> Any:
    """The active session, or a new one: ``master`` None means whatever spark-submit configured.

    In local mode the Python workers must be this interpreter (pyspark refuses a worker
    of another minor version, and the system python may not have kg installed). Under
    spark-submit, ``PYSPARK_PYTHON`` is the submitter's choice and is left alone.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master is not None:
        builder = builder.master(master)
    local = master is not None and master.startswith("local")
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if local:
        for key, value in LOCAL_CONF.items():
            builder = builder.config(key, value)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
