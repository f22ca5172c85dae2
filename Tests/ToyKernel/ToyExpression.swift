/// Integer arithmetic with names, by recursive descent: `expr := term (("+"|"-") term)*`,
/// `term := factor (("*"|"/") factor)*`, `factor := number | name | "(" expr ")" | "-" factor`.
struct ToyExpression {
    private var tokens: [String]
    private var position = 0
    private let variables: [String: Int]

    init(_ text: String, variables: [String: Int]) {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
                continue
            }
            if !current.isEmpty { tokens.append(current); current = "" }
            if !character.isWhitespace { tokens.append(String(character)) }
        }
        if !current.isEmpty { tokens.append(current) }
        self.tokens = tokens
        self.variables = variables
    }

    mutating func integer() throws -> Int {
        let value = try expression()
        guard position == tokens.count else { throw ToyError(name: "SyntaxError", message: "unexpected \(tokens[position])") }
        return value
    }

    private mutating func expression() throws -> Int {
        var value = try term()
        while position < tokens.count, tokens[position] == "+" || tokens[position] == "-" {
            let op = tokens[position]
            position += 1
            let rhs = try term()
            value = op == "+" ? value &+ rhs : value &- rhs
        }
        return value
    }

    private mutating func term() throws -> Int {
        var value = try factor()
        while position < tokens.count, tokens[position] == "*" || tokens[position] == "/" {
            let op = tokens[position]
            position += 1
            let rhs = try factor()
            if op == "/" && rhs == 0 { throw ToyError(name: "ZeroDivisionError", message: "division by zero") }
            value = op == "*" ? value &* rhs : value / rhs
        }
        return value
    }

    private mutating func factor() throws -> Int {
        guard position < tokens.count else { throw ToyError(name: "SyntaxError", message: "unexpected end") }
        let token = tokens[position]
        position += 1
        if token == "(" {
            let value = try expression()
            guard position < tokens.count, tokens[position] == ")" else {
                throw ToyError(name: "SyntaxError", message: "missing )")
            }
            position += 1
            return value
        }
        if token == "-" { return 0 &- (try factor()) }
        if let number = Int(token) { return number }
        if let value = variables[token] { return value }
        throw ToyError(name: "NameError", message: "\(token) is not defined")
    }
}
