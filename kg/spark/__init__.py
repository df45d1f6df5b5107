"""Apache Spark: the same extraction and resolution as ``kg build``, across a cluster.

``kg spark INPUT OUTPUT`` locally (``local[2]``) or ``spark-submit kg/spark/job.py`` on a
cluster; pyspark is imported only by the modules that need it (``pip install kg[spark]``).
"""
