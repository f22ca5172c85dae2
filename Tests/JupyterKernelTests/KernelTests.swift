import JSON
import JupyterKernel
import JupyterProtocol
import KernelInterpreter
import KernelTesting
import Testing

@Suite struct KernelTests {
    let client = Session(username: "client")

    func request(_ type: String, _ content: [String: JSONValue] = [:]) -> Message {
        client.message(type, content: content)
    }

    @Test func executePublishesInTheDocumentedOrder() {
        let transport = RecordingTransport()
        let interpreter = ScriptedInterpreter { _, output in
            output.stream(.stdout, text: "hi\n")
            return .ok(result: ["text/plain": "[1, 4, 9]"])
        }
        let kernel = Kernel(interpreter: interpreter, transport: transport)
        let execute = request("execute_request", ["code": "print(\"hi\"); [1, 4, 9]"])
        #expect(kernel.handle(execute, on: .shell) == .proceed)
        #expect(transport.trace == [
            "iopub:status=busy", "iopub:execute_input", "iopub:stream", "iopub:execute_result",
            "shell:execute_reply", "iopub:status=idle",
        ])
        let reply = transport.last("execute_reply")!
        #expect(reply.content["status"] == "ok")
        #expect(reply.content["execution_count"] == 1)
        #expect(reply.parentHeader["msg_id"] == .string(execute.header.msgID))
        #expect(transport.last("execute_result")?.content["data"] == ["text/plain": "[1, 4, 9]"])
    }

    @Test func silentCellsNeitherCountNorEchoNorShowResults() {
        let transport = RecordingTransport()
        let kernel = Kernel(interpreter: ScriptedInterpreter { _, _ in .ok(result: ["text/plain": "1"]) },
                            transport: transport)
        _ = kernel.handle(request("execute_request", ["code": "1", "silent": true]), on: .shell)
        #expect(transport.trace == ["iopub:status=busy", "shell:execute_reply", "iopub:status=idle"])
        #expect(transport.last("execute_reply")?.content["execution_count"] == 0)
        _ = kernel.handle(request("execute_request", ["code": "1", "store_history": false]), on: .shell)
        #expect(transport.last("execute_reply")?.content["execution_count"] == 0)
        _ = kernel.handle(request("execute_request", ["code": "1"]), on: .shell)
        #expect(transport.last("execute_reply")?.content["execution_count"] == 1)
    }

    @Test func anErrorAbortsTheExecutionsQueuedBehindIt() {
        let transport = RecordingTransport()
        let interpreter = ScriptedInterpreter { request, _ in
            request.code == "boom" ? .error(name: "Boom", value: "it failed", traceback: ["Boom: it failed"]) : .ok(result: nil)
        }
        let kernel = Kernel(interpreter: interpreter, transport: transport)
        let queued = [request("execute_request", ["code": "queued"]), request("kernel_info_request")]
        transport.queue.withLock { $0 = queued }
        _ = kernel.handle(request("execute_request", ["code": "boom"]), on: .shell)
        #expect(transport.trace == [
            "iopub:status=busy", "iopub:execute_input", "iopub:error", "shell:execute_reply", "iopub:status=idle",
            "iopub:status=busy", "shell:execute_reply", "iopub:status=idle",
            "iopub:status=busy", "shell:kernel_info_reply", "iopub:status=idle",
        ])
        let replies = transport.sent.withLock { $0.filter { $0.message.type == "execute_reply" }.map(\.message) }
        #expect(replies.map { $0.content["status"] } == ["error", "aborted"])
        #expect(replies[1].parentHeader["msg_id"] == .string(queued[0].header.msgID))
        _ = kernel.handle(request("execute_request", ["code": "later"]), on: .shell)
        #expect(transport.last("execute_reply")?.content["status"] == "ok")
        #expect(interpreter.executedCode == ["boom", "later"])
    }

    @Test func stopOnErrorFalseKeepsTheQueue() {
        let transport = RecordingTransport()
        let kernel = Kernel(interpreter: ScriptedInterpreter { _, _ in .error(name: "E", value: "", traceback: []) },
                            transport: transport)
        transport.queue.withLock { $0 = [request("execute_request", ["code": "b"])] }
        _ = kernel.handle(request("execute_request", ["code": "a", "stop_on_error": false]), on: .shell)
        #expect(transport.queue.withLock { $0.count } == 1)
        #expect(transport.trace.filter { $0.hasSuffix("execute_reply") }.count == 1)
    }

    @Test func pagerQueriesBecomePagePayloads() {
        let transport = RecordingTransport()
        let interpreter = ScriptedInterpreter()
        let kernel = Kernel(interpreter: interpreter, transport: transport)
        for code in ["?print", "print?", "print??"] {
            _ = kernel.handle(request("execute_request", ["code": .string(code)]), on: .shell)
            let payload = transport.last("execute_reply")?.content["payload"]?.arrayValue?.first
            #expect(payload?["source"] == "page")
            #expect(payload?["data"]?["text/plain"] == "func print(_ items: Any...)")
        }
        #expect(interpreter.executedCode.isEmpty)
        _ = kernel.handle(request("execute_request", ["code": "Predict?"]), on: .shell)
        let page = transport.last("execute_reply")?.content["payload"]?.arrayValue?.first?["data"]
        #expect(page == ["text/markdown": "`Predict`: a module", "text/plain": "`Predict`: a module"])
        _ = kernel.handle(request("execute_request", ["code": "?nothing"]), on: .shell)
        #expect(transport.last("execute_reply")?.content["status"] == "ok")
        #expect(transport.last("stream")?.content["text"] == "Object `nothing` not found.\n")
    }

    @Test func inputRequestsGoToStdinUnderTheCell() {
        let transport = RecordingTransport(inputAnswer: "Ada")
        let kernel = Kernel(interpreter: ScriptedInterpreter { _, output in
            let name = output.requestInput(prompt: "name? ", password: false) ?? "nobody"
            output.stream(.stdout, text: "hello \(name)")
            return .ok(result: nil)
        }, transport: transport)
        let execute = request("execute_request", ["code": "readLine()", "allow_stdin": true])
        _ = kernel.handle(execute, on: .shell)
        #expect(transport.last("input_request")?.content["prompt"] == "name? ")
        #expect(transport.last("input_request")?.parentHeader["msg_id"] == .string(execute.header.msgID))
        #expect(transport.last("stream")?.content["text"] == "hello Ada")
        _ = kernel.handle(request("execute_request", ["code": "readLine()", "allow_stdin": false]), on: .shell)
        #expect(transport.last("stream")?.content["text"] == "hello nobody")
    }

    @Test func displaysCarryTheirDisplayIDs() {
        let transport = RecordingTransport()
        let kernel = Kernel(interpreter: ScriptedInterpreter { _, output in
            output.display(["text/html": "<b>1</b>"], metadata: [:], displayID: "p", update: false)
            output.display(["text/html": "<b>2</b>"], metadata: [:], displayID: "p", update: true)
            output.clearOutput(wait: true)
            return .ok(result: nil)
        }, transport: transport)
        _ = kernel.handle(request("execute_request", ["code": "x"]), on: .shell)
        #expect(transport.last("display_data")?.content["transient"] == ["display_id": "p"])
        #expect(transport.last("update_display_data")?.content["data"] == ["text/html": "<b>2</b>"])
        #expect(transport.last("clear_output")?.content["wait"] == true)
    }

    @Test func introspectionRequestsAreAnswered() {
        let transport = RecordingTransport()
        let kernel = Kernel(interpreter: ScriptedInterpreter(), transport: transport)
        _ = kernel.handle(request("kernel_info_request"), on: .shell)
        let info = transport.last("kernel_info_reply")!.content
        #expect(info["protocol_version"] == "5.3")
        #expect(info["language_info"]?["file_extension"] == ".swift")
        _ = kernel.handle(request("complete_request", ["code": "pri", "cursor_pos": 3]), on: .shell)
        #expect(transport.last("complete_reply")?.content["matches"] == ["print"])
        _ = kernel.handle(request("inspect_request", ["code": "print", "cursor_pos": 5]), on: .shell)
        #expect(transport.last("inspect_reply")?.content["found"] == true)
        _ = kernel.handle(request("is_complete_request", ["code": "if x {"]), on: .shell)
        #expect(transport.last("is_complete_reply")?.content == ["status": "incomplete", "indent": "    "])
    }

    @Test func unknownCommTargetsAreClosedAtOnce() {
        let transport = RecordingTransport()
        let kernel = Kernel(interpreter: ScriptedInterpreter(), transport: transport)
        _ = kernel.handle(request("comm_info_request", ["target_name": "jupyter.widget"]), on: .shell)
        #expect(transport.last("comm_info_reply")?.content == ["status": "ok", "comms": [:]])
        _ = kernel.handle(request("comm_open", ["comm_id": "c1", "target_name": "nope", "data": [:]]), on: .shell)
        #expect(transport.last("comm_close")?.content["comm_id"] == "c1")
        transport.clear()
        _ = kernel.handle(request("comm_msg", ["comm_id": "c1", "data": [:]]), on: .shell)
        #expect(transport.trace == ["iopub:status=busy", "iopub:status=idle"])
    }

    @Test func controlRequestsInterruptAndShutDown() {
        let transport = RecordingTransport()
        let interpreter = ScriptedInterpreter()
        let kernel = Kernel(interpreter: interpreter, transport: transport)
        _ = kernel.handle(request("interrupt_request"), on: .control)
        #expect(interpreter.interrupts == 1)
        #expect(transport.last("interrupt_reply")?.content["status"] == "ok")
        #expect(kernel.handle(request("shutdown_request", ["restart": true]), on: .control) == .shutDown(restart: true))
        #expect(transport.trace.filter { $0.hasSuffix("shutdown_reply") } == ["control:shutdown_reply", "iopub:shutdown_reply"])
    }

    @Test func malformedContentGetsAnErrorReplyNamingTheFieldAndTheKernelServesOn() {
        let transport = RecordingTransport()
        let interpreter = ScriptedInterpreter()
        let kernel = Kernel(interpreter: interpreter, transport: transport)
        #expect(kernel.handle(request("execute_request", ["code": 42]), on: .shell) == .proceed)
        #expect(transport.trace == ["iopub:status=busy", "shell:execute_reply", "iopub:status=idle"])
        let reply = transport.last("execute_reply")?.content
        #expect(reply?["status"] == "error")
        #expect(reply?["execution_count"] == 0)
        #expect(reply?["evalue"] == "execute_request: field `code` should be a string")
        #expect(interpreter.executedCode.isEmpty)

        #expect(kernel.handle(request("shutdown_request", ["restart": "no"]), on: .control) == .proceed)
        #expect(transport.last("shutdown_reply")?.content["evalue"] == "shutdown_request: field `restart` should be a boolean")
        _ = kernel.handle(request("comm_open", ["target_name": "x"]), on: .shell)
        #expect(transport.last("comm_close") == nil, "a comm_open without comm_id is dropped")

        _ = kernel.handle(request("execute_request", ["code": "= fine"]), on: .shell)
        #expect(transport.last("execute_reply")?.content["status"] == "ok")
        #expect(transport.last("execute_reply")?.content["execution_count"] == 1)
    }
}
