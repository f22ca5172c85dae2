"""Pickles object graphs with CPython's pickle (protocol 4) and prints each pickle in hex, one per line.

Usage: python reference_pickle.py GRAPHS.json. The file holds a list of graphs, each node a JSON array:
["none"], ["bool", b], ["int", n], ["float", "repr"], ["str", text, id], ["list", [nodes], id],
["dict", [[key, value], ...], id], ["tuple", [nodes], id], ["instance", module, class, state, id].
Nodes with the same non-null id are one Python object; a null id is an object of its own.
"""
import importlib
import json
import pickle
import sys


def build(node, shared):
    kind = node[0]
    if kind == "none":
        return None
    if kind in ("bool", "int"):
        return node[1]
    if kind == "float":
        return float(node[1])
    identity = node[-1]
    if identity is not None and identity in shared:
        return shared[identity]
    if kind == "str":
        obj = "".join(list(node[1]))  # a new str object (one-character strings are CPython's singletons anyway)
    elif kind == "list":
        obj = [build(item, shared) for item in node[1]]
    elif kind == "dict":
        obj = {build(key, shared): build(value, shared) for key, value in node[1]}
    elif kind == "tuple":
        obj = tuple(build(item, shared) for item in node[1])
    elif kind == "instance":
        cls = getattr(importlib.import_module(node[1]), node[2])
        obj = cls.__new__(cls)
        obj.__dict__.update(build(node[3], shared))
    else:
        raise ValueError(f"unknown node kind {kind!r}")
    if identity is not None:
        shared[identity] = obj
    return obj


for graph in json.load(open(sys.argv[1], encoding="utf-8")):
    print(pickle.dumps(build(graph, {}), protocol=4).hex())
