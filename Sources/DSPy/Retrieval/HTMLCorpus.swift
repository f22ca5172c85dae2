import Foundation

/// Splits HTML documentation into passages: each page's sections (started by `<h1>`–`<h4>` headings and `<dt>`
/// terms), cut into runs of whole paragraphs of at most `maxWords` words. Scripts, styles, SVG and navigation
/// blocks (`<div class="… menu/nosearch/tagline …">`, `<form>`) are dropped.
///
/// ```swift
/// let passages = try HTMLCorpus.load(directory: "/usr/share/doc/sqlite3")   // SQLite's docs (Debian sqlite3-doc)
/// passages[0].id      // "about.html#section_1" — file, section anchor, and the passage's number within it
/// passages[0].title   // "About SQLite — 1. Introduction" — page title, then the section heading
/// ```
public enum HTMLCorpus {
    /// The passages of every `.html` file under `directory` (recursively, in path order), or of those of `files`
    /// (paths relative to `directory`) when it is given.
    /// - Throws: `RetrievalError.corpus` when the folder cannot be read, a file of `files` is not there, or there
    ///   is no text; `.duplicateID` never happens (ids carry the file's relative path).
    public static func load(directory: String, files only: [String]? = nil, maxWords: Int = 120) throws -> [Passage] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw RetrievalError(.corpus, "cannot read the folder \(directory)")
        }
        var files = walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }
            .map { String($0.standardizedFileURL.path.dropFirst(root.path.count + 1)) }.sorted()
        guard !files.isEmpty else { throw RetrievalError(.corpus, "no .html files under \(directory)") }
        if let only {
            if let missing = only.first(where: { !files.contains($0) }) {
                throw RetrievalError(.corpus, "\(missing) is not among the .html files under \(directory)")
            }
            files = only
        }
        var passages: [Passage] = []
        for file in files {
            let data: Data
            do { data = try Data(contentsOf: root.appendingPathComponent(file)) } catch {
                throw RetrievalError(.corpus, "cannot read \(root.appendingPathComponent(file).path): \(error.localizedDescription)")
            }
            passages += self.passages(html: String(decoding: data, as: UTF8.self), file: file, maxWords: maxWords)
        }
        guard !passages.isEmpty else { throw RetrievalError(.corpus, "the .html files under \(directory) hold no text") }
        return passages
    }

    /// The passages of one page; `file` prefixes their ids.
    public static func passages(html: String, file: String, maxWords: Int = 120) -> [Passage] {
        let sections = HTMLSections(html)
        var passages: [Passage] = []
        var usedIDs = Set<String>()
        for (number, section) in sections.sections.enumerated() {
            var anchor = section.anchor ?? "section_\(number)"
            if !usedIDs.insert(anchor).inserted { anchor += "_\(number)" }
            let title = section.heading.isEmpty ? sections.title : "\(sections.title) — \(section.heading)"
            for (part, text) in chunks(section.paragraphs, maxWords: max(1, maxWords)).enumerated() {
                passages.append(Passage(id: "\(file)#\(anchor)" + (part == 0 ? "" : ".\(part)"), title: title, text: text))
            }
        }
        return passages
    }

    /// Whole paragraphs joined up to `maxWords` words; a longer paragraph is cut at word boundaries.
    static func chunks(_ paragraphs: [String], maxWords: Int) -> [String] {
        var chunks: [String] = []
        var current: [Substring] = []
        for paragraph in paragraphs {
            let words = paragraph.split(separator: " ")
            if !current.isEmpty, current.count + words.count > maxWords {
                chunks.append(current.joined(separator: " "))
                current = []
            }
            for start in stride(from: 0, to: words.count, by: maxWords) where words.count > maxWords {
                chunks.append(words[start..<min(start + maxWords, words.count)].joined(separator: " "))
            }
            if words.count <= maxWords { current += words }
        }
        if !current.isEmpty { chunks.append(current.joined(separator: " ")) }
        return chunks
    }
}

/// One page read into its title and sections of plain-text paragraphs, by a small tag scanner (the docs are
/// generated HTML; no script runs and nothing is fetched).
struct HTMLSections {
    struct Section {
        var anchor: String?
        var heading = ""
        var paragraphs: [String] = []
    }

    private(set) var title = ""
    private(set) var sections: [Section] = [Section()]

    private static let skipped: Set<String> = ["script", "style", "svg", "form", "button", "noscript"]
    private static let breaks: Set<String> = ["p", "br", "li", "tr", "div", "pre", "blockquote", "dd", "table", "ul", "ol", "hr"]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "dt"]
    private static let navigation = ["menu", "nosearch", "tagline", "searchmenu"]

    init(_ html: String) {
        var text = ""
        var skipping: (tag: String, depth: Int)?
        var inTitle = false, inHeading = false
        var pendingAnchor: String?
        var scanner = html[...]
        while !scanner.isEmpty {
            guard let open = scanner.firstIndex(of: "<") else { text += scanner; break }
            if skipping == nil { text += scanner[..<open] }
            guard let close = scanner[open...].firstIndex(of: ">") else { break }
            let tag = Tag(scanner[scanner.index(after: open)..<close])
            scanner = scanner[scanner.index(after: close)...]
            if let (name, depth) = skipping {
                if tag.name == name { skipping = tag.isClosing ? (depth == 1 ? nil : (name, depth - 1)) : (name, depth + 1) }
                continue
            }
            if !tag.isClosing, Self.skipped.contains(tag.name) || (tag.name == "div" && Self.navigation.contains(where: tag.classes.contains)) {
                skipping = (tag.name, 1)
                continue
            }
            if tag.name == "title" {
                if tag.isClosing { title = Self.clean(text) } else { flush(&text) }
                inTitle = !tag.isClosing
                if tag.isClosing { text = "" }
            } else if Self.headings.contains(tag.name) {
                if tag.isClosing, inHeading {
                    sections[sections.count - 1].heading = Self.clean(text)
                    text = ""
                    inHeading = false
                } else if !tag.isClosing {
                    flush(&text)
                    sections.append(Section(anchor: tag.attribute("id") ?? pendingAnchor))
                    pendingAnchor = nil
                    inHeading = true
                }
            } else if tag.name == "a", let name = tag.attribute("name") {
                // An anchor inside a heading (`<dt><a name="abs">`) names that heading's section; one before it, the next.
                if inHeading, sections[sections.count - 1].anchor == nil { sections[sections.count - 1].anchor = name } else { pendingAnchor = name }
            } else if Self.breaks.contains(tag.name), !inTitle, !inHeading {
                flush(&text)
            }
        }
        flush(&text)
        sections.removeAll { $0.paragraphs.isEmpty }
        if title.isEmpty { title = sections.first?.heading ?? "" }
    }

    private mutating func flush(_ text: inout String) {
        let paragraph = Self.clean(text)
        text = ""
        guard !paragraph.isEmpty else { return }
        sections[sections.count - 1].paragraphs.append(paragraph)
    }

    /// Entities decoded, whitespace collapsed.
    static func clean(_ text: String) -> String {
        decodeEntities(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rarr": "→", "larr": "←",
                     "mdash": "—", "ndash": "–", "copy": "©", "ne": "≠", "le": "≤", "ge": "≥", "times": "×", "middot": "·"]
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                let scalar: String? = if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    named[name]
                }
                if let scalar {
                    result += scalar
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}

/// One tag's name, whether it closes, and its attributes (read on demand).
private struct Tag {
    let name: String
    let isClosing: Bool
    private let body: Substring

    init(_ body: Substring) {
        let trimmed = body.drop { $0 == " " }
        isClosing = trimmed.first == "/"
        name = trimmed.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        self.body = body
    }

    /// The attribute's value, quoted with `"` or `'` or bare.
    func attribute(_ attribute: String) -> String? {
        guard let range = body.range(of: "\(attribute)=", options: .caseInsensitive) else { return nil }
        let value = body[range.upperBound...]
        if let quote = value.first, quote == "\"" || quote == "'" {
            return String(value.dropFirst().prefix { $0 != quote })
        }
        return String(value.prefix { !$0.isWhitespace && $0 != ">" })
    }

    var classes: [String] { attribute("class")?.split(separator: " ").map(String.init) ?? [] }
}
