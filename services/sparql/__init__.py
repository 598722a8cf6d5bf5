"""The SPARQL 1.1 engine of the ``/sparql`` endpoint.

``parse`` decides what a request asks for (query form, update, federation) with rdflib's parser;
``formats`` lists the answer formats (the API chooses among them: ``api/negotiate.py``);
``dataset`` writes the dataset at load time, an on-disk pyoxigraph store per graph generation;
``engine`` keeps the dataset in step with the store (the load's folder, else one built from the
store) and evaluates queries in pyoxigraph worker processes (``worker``) with a time limit. This
``__init__`` imports nothing, so a worker process starts without loading rdflib.
"""
