"""The SPARQL 1.1 engine of the ``/sparql`` endpoint.

``parse`` decides what a request asks for (query form, update, federation) with rdflib's parser;
``formats`` lists the answer formats (the API chooses among them: ``api/negotiate.py``);
``engine`` keeps the dataset in step with the store and evaluates queries in pyoxigraph worker
processes (``worker``) with a time limit. This ``__init__`` imports nothing, so a worker process
starts without loading rdflib.
"""
