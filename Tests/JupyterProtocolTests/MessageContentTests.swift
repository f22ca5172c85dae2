import JSON
import JupyterProtocol
import Testing

@Suite struct MessageContentTests {
    @Test func requestsTakeTheSpecsDefaults() throws {
        let execute = try ExecuteRequest(from: ["code": "1", "silent": true, "store_history": true], messageType: "execute_request")
        #expect(execute == ExecuteRequest(code: "1", silent: true, storeHistory: false))
        #expect(!execute.storeHistory, "a silent request never enters history")
        #expect(execute.allowStdin && execute.stopOnError)
        let complete = try CompleteRequest(from: ["code": "pré"], messageType: "complete_request")
        #expect(complete.cursorPos == 3, "the end of the code, in Unicode scalars")
        let history = try HistoryRequest(from: ["hist_access_type": "tail", "n": .null], messageType: "history_request")
        #expect(history == HistoryRequest(access: .tail))
    }

    @Test(arguments: [
        (["code": 42], "execute_request: field `code` should be a string"),
        ([:], "execute_request: field `code` is missing"),
        (["code": "x", "silent": "no"], "execute_request: field `silent` should be a boolean"),
        (["code": "x", "user_expressions": ["a": "1", "b": ["nested"]]],
         "execute_request: field `user_expressions.b` should be a string"),
    ] as [([String: JSONValue], String)])
    func malformedContentNamesTheField(content: [String: JSONValue], message: String) {
        #expect(throws: ContentError.self) { try ExecuteRequest(from: content, messageType: "execute_request") }
        do {
            _ = try ExecuteRequest(from: content, messageType: "execute_request")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func requestsAreReadByType() throws {
        let session = Session(username: "client")
        #expect(try KernelRequest(session.message("comm_close", content: ["comm_id": "c1"]))
                == .commMessage(CommMessage(commID: "c1", closes: true)))
        #expect(try KernelRequest(session.message("kernel_info_request", content: ["anything": 1])) == .kernelInfo)
        #expect(try KernelRequest(session.message("debug_request", content: [:])) == nil)
        #expect(throws: ContentError(messageType: "history_request", field: "hist_access_type",
                                     problem: "should be one of tail, range, search, not \"all\"")) {
            try KernelRequest(session.message("history_request", content: ["hist_access_type": "all"]))
        }
    }

    @Test func outgoingContentHasTheWireShape() {
        #expect(DisplayData(data: ["text/plain": "1"], displayID: "bar", update: true).json
                == ["data": ["text/plain": "1"], "metadata": [:], "transient": ["display_id": "bar"]])
        #expect(DisplayData(data: [:], update: true).messageType == "update_display_data")
        #expect(DisplayData(data: [:]).json["transient"] == [:])
        #expect(ExecuteReply.aborted.json == ["status": "aborted"])
        #expect(ExecuteReply.error(executionCount: 3, ErrorContent(ename: "E", evalue: "v", traceback: ["t"])).json == [
            "status": "error", "execution_count": 3, "payload": [], "user_expressions": [:],
            "ename": "E", "evalue": "v", "traceback": ["t"],
        ])
        #expect(ErrorReply(messageType: "complete_reply", ErrorContent(ename: "E", evalue: "v")).json
                == ["status": "error", "ename": "E", "evalue": "v", "traceback": []])
        #expect(IsCompleteReply(status: .complete).json == ["status": "complete"])
        #expect(KernelStatus(.busy).json == ["execution_state": "busy"])
        let info = KernelInfoReply(implementation: "k", implementationVersion: "1",
                                   languageInfo: .init(name: "swift", version: "6", mimetype: "text/x-swift",
                                                       fileExtension: ".swift", pygmentsLexer: "swift", codemirrorMode: "swift"),
                                   banner: "b", helpLinks: [.init(text: "Swift", url: "https://swift.org")])
        #expect(info.json["protocol_version"] == .string(protocolVersion))
        #expect(info.json["language_info"]?["file_extension"] == ".swift")
        #expect(info.json["help_links"] == [["text": "Swift", "url": "https://swift.org"]])
        #expect(info.json["debugger"] == false)
    }

    @Test func typedContentRoundTrips() throws {
        let reply = ExecuteReply.error(executionCount: 2, ErrorContent(ename: "E", evalue: "v", traceback: ["a", "b"]))
        #expect(try ExecuteReply(from: reply.json, messageType: "execute_reply") == reply)
        let display = DisplayData(data: ["text/html": "<b>x</b>"], metadata: ["isolated": true], displayID: "d")
        #expect(try DisplayData(from: display.json, messageType: "display_data") == display)
    }
}
