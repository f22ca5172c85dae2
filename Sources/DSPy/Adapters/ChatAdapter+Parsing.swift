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
        guard line.utf8.starts(with: "[[ ## ".utf8) else { return nil }
        let scalars = line.unicodeScalars
        let nameStart = scalars.index(scalars.startIndex, offsetBy: headerOpen.count)
        var nameEnd = nameStart, length = headerOpen.count
        while nameEnd < scalars.endIndex, isWordScalar(scalars[nameEnd]) {
            nameEnd = scalars.index(after: nameEnd)
            length += 1
        }
        guard nameEnd > nameStart, scalars[nameEnd...].starts(with: headerClose) else { return nil }
        return (String(scalars[nameStart..<nameEnd]), length + headerClose.count)
    }

    private static let headerOpen = Array("[[ ## ".unicodeScalars), headerClose = Array(" ## ]]".unicodeScalars)

    /// Python's `\w` for `str` patterns: Unicode letters and digits, and `_`.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return value == 0x5F || (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
