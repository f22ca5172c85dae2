import JSON
import JupyterProtocol
import KernelInterpreter

extension Kernel {
    /// Runs a cell and replies; returns the requests to handle after it when it failed with `stop_on_error`.
    func execute(_ options: ExecuteRequest, request: Message, on channel: Channel) -> [Message] {
        let count = state.withLock { state in
            if options.storeHistory { state.executionCount += 1 }
            return state.executionCount
        }
        if !options.silent {
            publish(ExecuteInput(code: options.code, executionCount: count), parent: request)
        }
        inputCancelled.store(false, ordering: .sequentiallyConsistent)
        let outcome = run(options, count: count, request: request)
        switch outcome {
        case .ok(let result, let payloads, let userExpressions):
            if let result, !options.silent {
                publish(ExecuteResult(executionCount: count, data: result), parent: request)
            }
            record(options, count: count, output: result?["text/plain"]?.stringValue)
            reply(to: request, on: channel,
                  ExecuteReply.ok(executionCount: count, payload: payloads, userExpressions: userExpressions),
                  metadata: ["status": "ok"])
            return []
        case .error(let name, let value, let traceback):
            let error = ErrorContent(ename: name, evalue: value, traceback: traceback)
            publish(error, parent: request)
            record(options, count: count, output: nil)
            // Taken before the error reply leaves: exactly the requests sent while the cell was still running.
            let queued = options.stopOnError && !options.silent ? transport.takeQueuedRequests(on: channel) : []
            reply(to: request, on: channel, ExecuteReply.error(executionCount: count, error), metadata: ["status": "error"])
            return queued
        }
    }

    /// Runs the cell, or answers a pager request (`?name`, `name?`) from the interpreter's inspect.
    private func run(_ options: ExecuteRequest, count: Int, request: Message) -> ExecutionOutcome {
        if let query = PagerQuery(code: options.code) {
            guard let page = interpreter.inspect(code: query.name, cursor: query.name.unicodeScalars.count,
                                                 detailLevel: query.detailLevel) else {
                // IPython's answer to an unknown name: a note, not an error that would abort queued cells.
                CellOutput(kernel: self, parent: request, allowStdin: false)
                    .stream(.stdout, text: "Object `\(query.name)` not found.\n")
                return .ok(result: nil)
            }
            // Pagers that only render text (classic consoles) need text/plain beside richer forms.
            var data = page
            if data["text/plain"] == nil, let text = data["text/markdown"] ?? data.values.first(where: { $0.stringValue != nil }) {
                data["text/plain"] = text
            }
            return .ok(result: nil, payloads: [["source": "page", "data": .object(data), "start": 0]])
        }
        let execution = ExecutionRequest(
            code: options.code, executionCount: count, silent: options.silent, storeHistory: options.storeHistory,
            allowStdin: options.allowStdin, userExpressions: options.userExpressions)
        let output = CellOutput(kernel: self, parent: request, allowStdin: options.allowStdin)
        return interpreter.execute(execution, output: output)
    }

    private func record(_ options: ExecuteRequest, count: Int, output: String?) {
        guard options.storeHistory else { return }
        state.withLock { $0.history.append(line: count, input: options.code, output: output) }
    }
}
