/// Cells compile into modules named `Cell<number>`, an implementation detail users should not see:
/// `String(reflecting:)` of a cell's `Point` says `Cell51.Point(x: 1)`, the user wrote `Point`.
public enum CellModulePrefix {
    /// `text` without `Cell<number>.` qualifiers, leaving string literals (as `String(reflecting:)` quotes
    /// them, with escapes) untouched.
    public static func stripped(from text: String) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(characters.count)
        var index = 0
        var inString = false
        while index < characters.count {
            let character = characters[index]
            if inString {
                result.append(character)
                if character == "\\", index + 1 < characters.count {
                    result.append(characters[index + 1])
                    index += 2
                    continue
                }
                if character == "\"" { inString = false }
                index += 1
                continue
            }
            if character == "\"" { inString = true }
            if let end = prefixEnd(in: characters, at: index) {
                index = end
                continue
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// Where a `Cell<number>.` qualifier starting at `index` ends, if one does (not inside another name).
    private static func prefixEnd(in characters: [Character], at index: Int) -> Int? {
        if index > 0, isIdentifier(characters[index - 1]) { return nil }
        let word = Array("Cell")
        guard index + word.count < characters.count, Array(characters[index..<index + word.count]) == word else { return nil }
        var end = index + word.count
        let digitsStart = end
        while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
        guard end > digitsStart, end + 1 < characters.count, characters[end] == ".",
              isIdentifier(characters[end + 1]), !characters[end + 1].isNumber else { return nil }
        return end + 1
    }

    private static func isIdentifier(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }
}
