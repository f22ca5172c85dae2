import KernelInterpreter

/// One name completion may offer, and what it is.
struct CompletionCandidate: Equatable {
    var text: String
    var detail: CompletionDetail
}

/// Orders completions for a notebook: the user's names (earlier cells, the code being edited) first, then the
/// project's (DSPy, SQLToolkit, JSON, CellRuntime), then the standard library's and Foundation's, and C globals
/// last. C globals (`pread`, `PF_INET`, Glibc's thousands of constants) show only when the typed word has at
/// least three characters and starts their name with the same case: `pre` offers `pread`, `Pre` and an empty
/// word (`Predict(`) do not. Within a group, names the word starts with the same case come first, then the
/// language server's own order. Members after a dot keep the server's order.
struct CompletionRanking {
    /// The groups, best first.
    enum Group: Int, Comparable {
        case user, project, other, cLibrary

        static func < (lhs: Group, rhs: Group) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How many characters a C global's name must be typed with before it is offered.
    static let cLibraryMinimumPrefix = 3

    let names: ModuleNames
    let userNames: Set<String>
    /// The word before the cursor.
    let prefix: String
    let afterDot: Bool

    /// The candidates that match `prefix` (case-insensitively), without repeats, best first.
    func rank(_ candidates: [CompletionCandidate]) -> [CompletionCandidate] {
        var seen = Set<String>()
        let lowered = prefix.lowercased()
        let ranked = candidates.enumerated().compactMap { index, candidate -> (CompletionCandidate, Group, Bool, Int)? in
            guard candidate.text.lowercased().hasPrefix(lowered), seen.insert(candidate.text).inserted,
                  let group = group(of: candidate.text) else { return nil }
            return (candidate, group, !candidate.text.hasPrefix(prefix), index)
        }
        return ranked.sorted { ($0.1, $0.2 ? 1 : 0, $0.3) < ($1.1, $1.2 ? 1 : 0, $1.3) }.map(\.0)
    }

    /// The group of a name, or nil when it is hidden.
    func group(of name: String) -> Group? {
        if afterDot { return .other }
        if userNames.contains(name) { return .user }
        if names.project[name] != nil { return .project }
        guard names.cLibrary.contains(name) else { return .other }
        return prefix.count >= Self.cLibraryMinimumPrefix && name.hasPrefix(prefix) ? .cLibrary : nil
    }
}

extension CompletionDetail {
    /// IPython's type for a declaration kind, as symbol graphs and the cell parser name them (`struct`, `func`, ...).
    init(declarationKind kind: String, signature: String = "") {
        let type = switch kind {
        case "class", "struct", "enum", "protocol", "typealias", "actor", "associatedtype": "class"
        case "func", "func.op", "macro", "init", "method": "function"
        case "var", "let", "property": "instance"
        default: "text"
        }
        self.init(type: type, signature: signature)
    }

    /// IPython's type for an LSP `CompletionItemKind`, and the signature from the server's label and detail
    /// (`(condition: Bool) -> Void` for a function, the type for a variable).
    init(lspKind kind: Int?, name: String, label: String, detail: String?) {
        let type = switch kind {
        case 2, 3, 4: "function"
        case 5, 10: "property"
        case 6, 12, 20, 21: "instance"
        case 7, 8, 13, 22, 25: "class"
        case 9: "module"
        case 14: "keyword"
        default: "text"
        }
        let parameters = label.hasPrefix(name) ? String(label.dropFirst(name.count)) : ""
        let signature = type == "function"
            ? parameters + (detail.map { $0.isEmpty ? "" : " -> \($0)" } ?? "")
            : detail ?? ""
        self.init(type: type, signature: signature)
    }
}
