// A kernel for a toy line language, used to test the Jupyter protocol server with real clients
// independently of the Swift cell engine. Usage: ToyKernel -f <connection file>
import Foundation
import JupyterKernel
import JupyterProtocol
import JupyterTransport

let arguments = CommandLine.arguments
guard let flag = arguments.firstIndex(of: "-f"), flag + 1 < arguments.count else {
    FileHandle.standardError.write(Data("usage: ToyKernel -f <connection file>\n".utf8))
    exit(2)
}
do {
    let connection = try ConnectionInfo(contentsOf: URL(fileURLWithPath: arguments[flag + 1]))
    let server = try KernelServer(connection: connection, interpreter: ToyInterpreter(),
                                  info: KernelInfo(implementation: "toy-kernel"))
    server.run()
} catch {
    FileHandle.standardError.write(Data("ToyKernel: \(error)\n".utf8))
    exit(1)
}
