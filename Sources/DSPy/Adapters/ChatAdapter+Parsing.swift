import JSON

extension ChatAdapter {
    /// Reads `[[ ## field ## ]]` sections: the first section of each output field wins, values are parsed by the
    /// field's type, and every output field must be present.
    ///
    /// - Throws: `AdapterParseError` naming the field that is missing or does not fit its type.
    public func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        var sections: [(header: String?, lines: [String])] = [(nil, [])]
        for line in PythonText.splitLines(completion) {
            if let (header, end) = Self.header(in: PythonText.strip(line)) {
                // DSPy slices the unstripped line at the stripped match's end; kept for identical results.
                let remaining = PythonText.strip(String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(end))))
                sections.append((header, remaining.isEmpty ? [] : [remaining]))
            } else {
                sections[sections.count - 1].lines.append(line)
            }
        }

        var fields: [String: JSONValue] = [:]
        for (header, lines) in sections {
            guard let header, fields[header] == nil, let field = signature.outputFields.first(where: { $0.name == header })
            else { continue }
            let text = PythonText.strip(lines.joined(separator: "\n"))
            do {
                fields[header] = try ValueParsing.parse(.string(text), as: field.type)
            } catch {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "Failed to parse field \(header) with value \(text) from the LM response. Error message: \(error)")
            }
        }
        return try Self.completeOutputs(fields, signature: signature, adapterName: name, completion: completion)
    }

    /// Fills optional outputs with `None` and checks that every output field was found.
    static func completeOutputs(
        _ parsed: [String: JSONValue], signature: Signature, adapterName: String, completion: String
    ) throws -> [String: JSONValue] {
        var fields = parsed
        for field in signature.outputFields where fields[field.name] == nil && field.type.allowsNone {
            fields[field.name] = .null
        }
        if signature.outputFields.contains(where: { fields[$0.name] == nil }) {
            throw AdapterParseError(
                adapterName: adapterName, signature: signature, lmResponse: completion, parsedResult: fields)
        }
        return fields
    }

    /// Matches `[[ ## (\w+) ## ]]` at the start of `line`: the name and the match's length in scalars.
    static func header(in line: String) -> (String, Int)? {
        let open = "[[ ## ", close = " ## ]]"
        guard line.utf8.starts(with: open.utf8) else { return nil }
        let scalars = line.unicodeScalars
        let nameStart = scalars.index(scalars.startIndex, offsetBy: open.unicodeScalars.count)
        var nameEnd = nameStart, length = open.unicodeScalars.count
        while nameEnd < scalars.endIndex, isWordScalar(scalars[nameEnd]) {
            nameEnd = scalars.index(after: nameEnd)
            length += 1
        }
        guard nameEnd > nameStart, scalars[nameEnd...].starts(with: close.unicodeScalars) else { return nil }
        return (String(scalars[nameStart..<nameEnd]), length + close.unicodeScalars.count)
    }

    /// Python's `\w` for `str` patterns: Unicode letters and digits, and `_`.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
