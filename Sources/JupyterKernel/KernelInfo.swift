/// What `kernel_info_reply` says of the implementation, beside what the interpreter says of the language.
public struct KernelInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    /// Links shown in a frontend's Help menu.
    public var helpLinks: [(text: String, url: String)]

    public init(implementation: String = "swift-dspy", implementationVersion: String = "0.1.0",
                helpLinks: [(text: String, url: String)] = KernelInfo.defaultHelpLinks) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.helpLinks = helpLinks
    }

    public static let defaultHelpLinks: [(text: String, url: String)] = [
        ("Swift", "https://www.swift.org/documentation/"),
        ("DSPy", "https://dspy.ai"),
    ]
}
