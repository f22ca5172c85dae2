import Testing
@testable import OfflineModel

@Suite struct OfflineText2SQLModelTests {
    let model = OfflineText2SQLModel()

    func sql(_ question: String, demos: [(String, String, String)] = []) -> String {
        let reply = model.complete(messages: Prompts.text2SQL(question, demos: demos))[0]
        return ChatAdapterPromptParser.sections(reply)["sql"] ?? ""
    }

    @Test func repliesInChatAdapterSectionsWithoutBlankLines() {
        let reply = model.complete(messages: Prompts.text2SQL("How many sales?", reasoning: true))[0]
        #expect(reply.hasPrefix("[[ ## reasoning ## ]]\n"))
        #expect(reply.contains("\n[[ ## sql ## ]]\nSELECT COUNT(*) FROM sales\n"))
        #expect(reply.hasSuffix("[[ ## completed ## ]]"))
        #expect(!reply.contains("\n\n"))
    }

    @Test(arguments: [
        ("How many sales were made in the North region?", "SELECT COUNT(*) FROM sales WHERE region = 'North'"),
        ("What is the total amount of sales in 2021?", "SELECT SUM(amount) FROM sales WHERE year = 2021"),
        ("What is the average amount by region?", "SELECT region, AVG(amount) FROM sales GROUP BY region"),
        ("What is the maximum amount?", "SELECT MAX(amount) FROM sales"),
        ("List the sales with an amount greater than 60", "SELECT * FROM sales WHERE amount > 60"),
        ("Delete sales from the South region", "DELETE FROM sales WHERE region = 'South'"),
        ("Increase the amount of sales in the North region by 10%", "UPDATE sales SET amount = amount * 1.1 WHERE region = 'North'"),
        ("Add a new sale with id 4 in region 'West' with amount 75 and year 2022",
         "INSERT INTO sales (id, region, amount, year) VALUES (4, 'West', 75, 2022)"),
        ("Which sales have an amount above the average?",
         "SELECT amount FROM sales WHERE amount > (SELECT AVG(amount) FROM sales)"),
    ])
    func rulesWriteSQL(question: String, expected: String) {
        #expect(sql(question) == expected)
    }

    @Test func theMostSimilarDemoChangesTheStructure() {
        // The rules answer the demo's question with SUM, its SQL uses COUNT: the same wording here gets COUNT.
        let plain = sql("What is the total amount of sales in 2021?")
        let guided = sql("What is the total amount of sales in 2021?", demos: [
            ("What is the total amount of visits in 2019?", "CREATE TABLE visits (id INT, amount INT, year INT);",
             "SELECT COUNT(*) FROM visits WHERE year = 2019"),
        ])
        #expect(plain.hasPrefix("SELECT SUM(amount)"))
        #expect(guided == "SELECT COUNT(*) FROM sales WHERE year = 2021")
    }

    @Test func judgeRunsTheCandidate() {
        func verdict(_ sql: String) -> Bool {
            SQLJudge(question: "What is the total amount of sales in the North region?", context: Prompts.context)
                .judge(sql).correct
        }
        #expect(verdict("SELECT SUM(amount) FROM sales WHERE region = 'North'"))
        #expect(verdict("SELECT SUM(s.amount) AS total FROM sales s WHERE s.region = 'North'"))
        #expect(!verdict("SELECT SUM(amount) FROM sales"))
        #expect(!verdict("SELECT amount FROM nowhere"))
    }

    @Test func freeTextGetsAnHonestAnswer() {
        let reply = model.complete(messages: [PromptMessage(role: "user", content: "What is the capital of Colombia?")])[0]
        #expect(reply.contains("offline-text2sql") && reply.contains("not a language model"))
    }

    @Test func temperatureZeroIsDeterministicAndSeedsReproduce() {
        let messages = Prompts.text2SQL("What is the total amount of sales in 2021?")
        #expect(Set(model.complete(messages: messages, sampling: Sampling(temperature: 0, n: 5))).count == 1)
        let hot = Sampling(temperature: 2, n: 8, seed: 42)
        let first = model.complete(messages: messages, sampling: hot)
        #expect(first == model.complete(messages: messages, sampling: hot))
        #expect(Set(first).count > 1)
        let otherRollout = Sampling(temperature: 2, n: 8, seed: 42, rolloutID: 1)
        #expect(first != model.complete(messages: messages, sampling: otherRollout))
    }
}

@Suite struct SQLContextTests {
    @Test func aContextWithATriggerLoadsAndTheTriggerFires() throws {
        let context = try SQLContext("""
            CREATE TABLE orders (id INT, total INT); CREATE TABLE log (note TEXT);
            CREATE TRIGGER audit AFTER INSERT ON orders BEGIN INSERT INTO log VALUES ('a'); INSERT INTO log VALUES ('b'); END;
            INSERT INTO orders VALUES (1, 10);
            """)
        #expect(context.tables.map(\.name) == ["orders", "log"])
        #expect(context.tables.last?.rows.count == 2, "both statements of the trigger body ran")
    }
}
