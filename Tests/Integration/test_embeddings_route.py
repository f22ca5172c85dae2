"""`swift-dspy serve`'s `/v1/embeddings` (the offline embedding model) over real HTTP, and Python DSPy 3.4.1's
`Embedder` and `Embeddings` retriever using it through LiteLLM and OpenAI's client (which asks for base64)."""
import base64
import math
import struct

import pytest

from served_model import Server

MODEL = "offline-embedding"


@pytest.fixture(scope="module")
def server(cli):
    server = Server(cli, "--quiet")
    yield server
    server.stop()


def embed(server, texts, **settings):
    status, body = server.post("/v1/embeddings", {"model": MODEL, "input": texts, **settings})
    assert status == 200, body
    return body


def test_openai_shape_float_and_base64(server):
    body = embed(server, ["CREATE INDEX makes lookups fast", "VACUUM rebuilds the database"])
    assert body["object"] == "list" and body["model"] == MODEL
    assert [item["index"] for item in body["data"]] == [0, 1]
    vectors = [item["embedding"] for item in body["data"]]
    assert all(len(vector) == 384 for vector in vectors)
    assert math.isclose(sum(x * x for x in vectors[0]), 1.0, rel_tol=1e-5)
    assert body["usage"]["prompt_tokens"] > 0 and body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"]
    packed = embed(server, ["CREATE INDEX makes lookups fast"], encoding_format="base64")["data"][0]["embedding"]
    assert list(struct.unpack("<384f", base64.b64decode(packed))) == pytest.approx(vectors[0], abs=1e-7)
    assert embed(server, "CREATE INDEX makes lookups fast")["data"][0]["embedding"] == vectors[0]  # a lone string


def test_similar_texts_get_close_vectors(server):
    query, near, far = (item["embedding"] for item in embed(server, [
        "how do I create an index", "The CREATE INDEX command creates indexes", "VACUUM rebuilds the database file"])["data"])
    dot = lambda a, b: sum(x * y for x, y in zip(a, b))
    assert dot(query, near) > dot(query, far) + 0.1


@pytest.mark.parametrize("body, parameter, words", [
    ({"model": MODEL, "input": []}, "input", "must not be an empty list"),
    ({"model": MODEL, "input": ["ok", 3]}, "input", "input[1] must be a string"),
    ({"model": MODEL}, "input", "must be a string or a list of strings"),
    ({"model": MODEL, "input": "x", "encoding_format": "int8"}, "encoding_format", "must be \"float\" or \"base64\""),
    ({"model": "text-embedding-3-small", "input": "x"}, "model", "does not exist"),
])
def test_bad_requests_are_named(server, body, parameter, words):
    status, answer = server.post("/v1/embeddings", body)
    assert status in (400, 404) and answer["error"]["param"] == parameter and words in answer["error"]["message"]
    assert embed(server, ["still serving"])["data"]


def test_python_dspy_embedder_and_retriever_use_it(server):
    import dspy

    embedder = dspy.Embedder(f"openai/{MODEL}", api_base=server.url + "/v1", api_key="local", caching=False)
    texts = ["CREATE INDEX makes lookups fast", "VACUUM rebuilds the database"]
    vectors = embedder(texts)
    assert vectors.shape == (2, 384)
    expected = [item["embedding"] for item in embed(server, texts)["data"]]
    assert vectors.flatten().tolist() == pytest.approx([x for vector in expected for x in vector], abs=1e-7)
    corpus = ["The VACUUM command rebuilds the database file.", "CREATE INDEX adds an index to a table.",
              "ATTACH DATABASE adds another database file to the connection."]
    search = dspy.retrievers.Embeddings(corpus=corpus, embedder=embedder, k=1)
    assert search("how do I create an index on a table").passages == [corpus[1]]
