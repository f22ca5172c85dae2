import Foundation
import Testing
@testable import CellEngine

/// `%install` builds a local SwiftPM package into the session; later cells import it.
@Suite(.serialized)
struct PackageInstallTests {
    @Test func parsesDependencyAndProducts() {
        let request = PackageInstaller.Request(parsing: ".package(url: \"https://github.com/apple/swift-algorithms.git\", from: \"1.2.0\") Algorithms")
        #expect(request?.products == ["Algorithms"])
        #expect(request?.packageIdentity == "swift-algorithms")
        #expect(PackageInstaller.Request(parsing: ".package(path: \"x\")") == nil)
    }

    @Test func installedPackageIsImportable() throws {
        let package = FileManager.default.temporaryDirectory.appendingPathComponent("greeter-\(UUID().uuidString)")
        let sources = package.appendingPathComponent("Sources/Greeter")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: package) }
        try """
            // swift-tools-version: 5.9
            import PackageDescription
            let package = Package(name: "Greeter", products: [.library(name: "Greeter", targets: ["Greeter"])],
                                  targets: [.target(name: "Greeter")])
            """.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try "public func greet(_ name: String) -> String { \"Hello, \\(name)!\" }\n"
            .write(to: sources.appendingPathComponent("Greeter.swift"), atomically: true, encoding: .utf8)

        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (installed, output) = fixture.run("%install .package(path: \"\(package.path)\") Greeter")
        #expect(installed.succeeded, "\(installed)\n\(output.text(.stdout))")
        #expect(fixture.run("import Greeter").0.succeeded)
        #expect(fixture.run("greet(\"cells\")").0.plainResult == "\"Hello, cells!\"")
    }
}
