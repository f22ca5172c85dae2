import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

@Suite struct BM25Tests {
    static let passages = [
        Passage(id: "idx", title: "CREATE INDEX", text: "The CREATE INDEX command adds an index to a table."),
        Passage(id: "vac", title: "VACUUM", text: "The VACUUM command rebuilds the database file."),
        Passage(id: "fts", title: "FTS5", text: "FTS5 is a virtual table module that provides full-text search; bm25 ranks matches."),
    ]

    @Test func ranksWithFTS5AndPersists() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bm25-\(UUID().uuidString).sqlite").path
        let bm25 = try BM25(passages: Self.passages, k: 2, path: path)
        let found = try bm25.search("how do I add an index to my table?")
        #expect(found.first?.passage == Self.passages[0])
        #expect(found.first?.index == 0 && found.first!.score > 0)
        #expect(try bm25.search("full-text search").map(\.passage.id) == ["fts"])
        #expect(try bm25.search("a ?").isEmpty)  // no word of three letters
        #expect(try BM25(path: path).search("rebuilds database", k: 1).map(\.passage.id) == ["vac"])
        #expect(try bm25("vacuum")["passages"] == ["VACUUM | The VACUUM command rebuilds the database file."])
    }

    @Test func badInputIsNamed() throws {
        #expect { try BM25(passages: []) } throws: { ($0 as! RetrievalError).kind == .emptyCorpus }
        #expect { try BM25(passages: Self.passages + [Self.passages[1]]) } throws: { error in
            (error as! RetrievalError).message == "BM25: passages 1 and 3 share the id \"vac\""
        }
        #expect { try BM25(path: "/nonexistent/bm25.sqlite") } throws: { ($0 as! RetrievalError).kind == .store }
    }
}

@Suite struct ColBERTv2Tests {
    @Test func getAndPostAsDSPy() throws {
        _ = try TestCache.directory()
        let server = try OpenAITestServer()
        let colbert = ColBERTv2(url: server.baseURL + "/colbert")
        let query = "who wrote sqlite & why? \(UUID())"
        let topk = try colbert(query, k: 3)
        #expect(topk.count == 3)
        #expect(topk[0]["long_text"] == .string("passage 0 about \(query)") && topk[0]["pid"] == 0)
        #expect(try server.stats().path == "/colbert?query=\(ColBERTv2Tests.plus(query))&k=3")
        #expect(try colbert.passages(query, k: 3) == (0..<3).map { "passage \($0) about \(query)" })  // from the cache
        let posted = ColBERTv2(url: server.baseURL + "/colbert", postRequests: true)
        #expect(try posted(query + "!", k: 2).map { $0["long_text"] } == [nil, nil])  // DSPy's POST adds no long_text
        #expect(try posted.search(query + "!", k: 2).map(\.passage.text) == ["passage 0 about \(query)!", "passage 1 about \(query)!"])
    }

    @Test func errorsNameTheServer() throws {
        let server = try OpenAITestServer()
        #expect { try ColBERTv2(url: server.baseURL + "/colbert")("error", k: 1) } throws: { error in
            "\(error)" == "ColBERTv2 server returned an error: the index is not loaded"
        }
        #expect { try ColBERTv2(url: server.baseURL + "/colbert-bad")("q \(UUID())", k: 1) } throws: { error in
            "\(error)".hasPrefix("ColBERTv2 server returned an unexpected response: {\"oops\": 1}")
        }
        #expect { try ColBERTv2(url: server.baseURL + "/colbert")("q", k: 101) } throws: { error in
            "\(error)".contains("only k <= 100")
        }
        #expect { try ColBERTv2(url: "http://127.0.0.1", port: 1)("q \(UUID())") } throws: { error in
            (error as! RetrievalError).kind == .colbert && "\(error)".contains("127.0.0.1:1")
        }
    }

    /// The query as Python's `requests` encodes it.
    static func plus(_ text: String) -> String {
        (try? ReferencePython.run("import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]), end='')", arguments: [text])) ?? ""
    }
}

@Suite struct HTMLCorpusTests {
    @Test func splitsPagesIntoTitledSectionPassages() throws {
        let html = """
            <html><head><title>CREATE INDEX</title><style>p { color: red }</style></head><body>
            <div class=nosearch><div class="menu mainmenu"><ul><li><a href="index.html">Home</a></ul></div></div>
            <script>var x = "<p>not text</p>";</script>
            <h1 id="syntax"><span>1. </span>Syntax</h1><p>Creates an index &amp; more &lt;here&gt;.</p>
            <svg><text>CREATE</text></svg>
            <h2 id="unique_indexes"><span>1.1. </span>Unique Indexes</h2><p>If the UNIQUE keyword appears
            duplicate entries are not allowed.</p><p>Second paragraph&#33;</p>
            <dl><dt><a name="abs"></a>abs(X)</dt><dd>The abs(X) function returns the absolute value.</dd></dl>
            </body></html>
            """
        let passages = HTMLCorpus.passages(html: html, file: "lang_createindex.html", maxWords: 10)
        #expect(passages.map(\.id) == ["lang_createindex.html#syntax", "lang_createindex.html#unique_indexes",
                                       "lang_createindex.html#unique_indexes.1", "lang_createindex.html#abs"])
        #expect(passages[0].title == "CREATE INDEX — 1. Syntax")
        #expect(passages[0].text == "Creates an index & more <here>.")
        #expect(passages[1].text == "If the UNIQUE keyword appears duplicate entries are not allowed.")
        #expect(passages[2].text == "Second paragraph!")
        #expect(passages[3].title == "CREATE INDEX — abs(X)")
        #expect(!passages.contains { $0.text.contains("Home") || $0.text.contains("not text") || $0.text.contains("color") })
    }

    @Test func loadsSQLitesDocumentation() throws {
        let directory = "/usr/share/doc/sqlite3"
        guard FileManager.default.fileExists(atPath: directory + "/lang_createindex.html") else {
            Issue.record("sqlite3-doc is not installed (./dev installs it)")
            return
        }
        let passages = try HTMLCorpus.load(directory: directory)
        #expect(passages.count > 3000)
        #expect(Set(passages.map(\.id)).count == passages.count)
        let bm25 = try BM25(passages: passages, k: 3)
        #expect(try bm25.search("CREATE INDEX unique keyword duplicate entries").contains { $0.passage.id.hasPrefix("lang_createindex.html") })
        #expect { try HTMLCorpus.load(directory: "/nonexistent") } throws: { ($0 as! RetrievalError).kind == .corpus }
    }
}
