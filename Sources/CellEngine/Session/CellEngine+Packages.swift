import Foundation
import KernelInterpreter

extension CellEngine {
    /// Adds a SwiftPM package to the session (`%install .package(...) Product...`): later cells can import
    /// its products.
    public func install(_ line: String, output: any ExecutionOutput) -> ExecutionOutcome {
        conversation.lock()
        defer { conversation.unlock() }
        guard let request = PackageInstaller.Request(parsing: line) else {
            return .error(name: "UsageError", value: "expected .package(...) followed by product names",
                          traceback: ["usage: %install .package(path: \"/path/to/Package\") Product [Product...]"])
        }
        let (requests, generation) = state.withLock { state in
            (state.packages + [request], state.packageLibraries.count + 1)
        }
        do {
            let installed = try PackageInstaller(toolchain: configuration.toolchain, directory: sessionDirectory)
                .install(requests, generation: generation) { output.stream(.stdout, text: $0) }
            let worker = try readyWorker(output: output)
            worker.send(.load(path: installed.library.path, isCell: false))
            guard case .message(.loaded) = worker.receive(until: .now + .seconds(30), onOutput: { output.stream($0, text: $1) }) else {
                throw CellEngineError.packageInstall("the worker could not load \(installed.library.path)")
            }
            state.withLock { state in
                state.packages = requests
                state.packageLibraries.append(installed.library.path)
                state.packageFlags = installed.compilerFlags
            }
            output.stream(.stdout, text: "Installed \(request.products.joined(separator: ", ")); import \(request.products.count == 1 ? "it" : "them") in a cell.\n")
            return .ok(result: nil)
        } catch {
            return .error(name: "InstallError", value: "\(error)", traceback: ["\(error)"])
        }
    }
}
