import DSPy
import Foundation

/// SQLite's documentation of its SQL functions — core, aggregate, date and time, math and window functions — from
/// Debian's `sqlite3-doc`, as a BM25 retriever: the text-to-SQL program's retrieval step looks up the functions a
/// question may need.
///
/// ```swift
/// let docs = try SQLFunctionDocs.retriever(k: 2)
/// try docs("average salary per department, rounded to two decimals").map(\.title)
/// ```
public enum SQLFunctionDocs {
    /// The pages read, relative to the documentation folder.
    public static let pages = ["lang_corefunc.html", "lang_aggfunc.html", "lang_datefunc.html", "lang_mathfunc.html",
                               "windowfunctions.html"]

    /// `SQLITE_DOCS`, else where Debian's `sqlite3-doc` puts SQLite's documentation.
    public static var defaultDirectory: String {
        ProcessInfo.processInfo.environment["SQLITE_DOCS"] ?? "/usr/share/doc/sqlite3"
    }

    /// A BM25 retriever over the function pages' passages, returning `k` per query.
    /// - Throws: `RetrievalError.corpus` naming the folder or page when the documentation is not there.
    public static func retriever(k: Int = 2, directory: String = defaultDirectory) throws -> BM25 {
        try BM25(passages: HTMLCorpus.load(directory: directory, files: pages), k: k)
    }
}
