extension Module {
    /// Every `Predict` reachable through stored properties, with its path (`"program.predict"`,
    /// `"steps[0]"`, `"by_name['a']"`), each once, in declaration order — Python's `named_predictors()`.
    public func namedPredictors() -> [(String, Predict)] {
        var found: [(String, Predict)] = []
        var seen = Set<ObjectIdentifier>()
        if let predict = self as? Predict { return [("self", predict)] }
        collect(from: self, prefix: nil, into: &found, seen: &seen)
        return found
    }

    /// The predictors alone, in the order of `namedPredictors()`.
    public func predictors() -> [Predict] { namedPredictors().map(\.1) }

    /// Every sub-module reachable through stored properties, with its path; the module itself is `"self"`.
    public func namedSubModules() -> [(String, Module)] {
        var result: [(String, Module)] = [("self", self)]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var queue: [(String, Module)] = [("self", self)]
        while !queue.isEmpty {
            let (name, module) = queue.removeFirst()
            for (childName, value) in Self.storedProperties(of: module) {
                Self.visitModules(value, path: "\(name).\(childName)") { path, child in
                    guard seen.insert(ObjectIdentifier(child)).inserted else { return }
                    result.append((path, child))
                    queue.append((path, child))
                }
            }
        }
        return result
    }

    private func collect(from module: Module, prefix: String?, into found: inout [(String, Predict)], seen: inout Set<ObjectIdentifier>) {
        for (name, value) in Self.storedProperties(of: module) {
            let path = prefix.map { "\($0).\(name)" } ?? name
            Self.visitModules(value, path: path) { path, child in
                if let predict = child as? Predict {
                    if seen.insert(ObjectIdentifier(predict)).inserted { found.append((path, predict)) }
                } else if seen.insert(ObjectIdentifier(child)).inserted {
                    collect(from: child, prefix: path, into: &found, seen: &seen)
                }
            }
        }
    }

    /// Stored properties of `module`, base classes first, with lazy storage names cleaned.
    static func storedProperties(of module: Module) -> [(String, Any)] {
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: module)
        while let current = mirror {
            mirrors.insert(current, at: 0)
            mirror = current.superclassMirror
        }
        return mirrors.flatMap { mirror in
            mirror.children.compactMap { child -> (String, Any)? in
                guard var label = child.label else { return nil }
                if label.hasPrefix("$__lazy_storage_$_") { label.removeFirst("$__lazy_storage_$_".count) }
                if label.hasPrefix("_") { label.removeFirst() }
                return (label, child.value)
            }
        }
    }

    /// Calls `visit` for a module held directly, in an optional, or in an array or dictionary.
    static func visitModules(_ value: Any, path: String, _ visit: (String, Module) -> Void) {
        if let module = value as? Module {
            visit(path, module)
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first { visitModules(wrapped.value, path: path, visit) }
        case .collection:
            for (index, element) in mirror.children.enumerated() { visitModules(element.value, path: "\(path)[\(index)]", visit) }
        case .dictionary:
            let entries = mirror.children.compactMap { entry -> (String, Any)? in
                let pair = Array(Mirror(reflecting: entry.value).children)
                guard pair.count == 2 else { return nil }
                return (String(describing: pair[0].value), pair[1].value)
            }.sorted { $0.0 < $1.0 }
            for (key, element) in entries { visitModules(element, path: "\(path)['\(key)']", visit) }
        default:
            break
        }
    }
}
