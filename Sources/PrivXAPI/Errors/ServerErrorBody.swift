/// The error document PrivX sends (`error_code`, `error_message`, `property`, `details`), or the
/// OAuth shape (`error`, `error_description`) from the token endpoint.
public struct ServerErrorBody: Sendable, Hashable {
    public var code: String?
    public var message: String?
    public var property: String?
    public var details: [ServerErrorBody]

    /// An error body with the given parts.
    public init(code: String? = nil, message: String? = nil, property: String? = nil, details: [ServerErrorBody] = []) {
        self.code = code
        self.message = message
        self.property = property
        self.details = details
    }

    /// Reads either shape; `nil` when the body is not a JSON object (e.g. a proxy's HTML page).
    public init?(bytes: [UInt8]) {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue else { return nil }
        self.init(object: object)
    }

    init(object: JSONObject) {
        code = object["error_code"]?.stringValue ?? object["error"]?.stringValue
        message = object["error_message"]?.stringValue ?? object["error_description"]?.stringValue
            ?? object["message"]?.stringValue
        property = object["property"]?.stringValue
        details = object["details"]?.objectItems.map(ServerErrorBody.init(object:)) ?? []
    }

    /// One line: `CODE: message (property: x)`.
    public var summary: String {
        var parts: [String] = []
        if let code, !code.isEmpty { parts.append(code) }
        if let message, !message.isEmpty { parts.append(parts.isEmpty ? message : ": " + message) }
        var line = parts.joined()
        if let property, !property.isEmpty { line += line.isEmpty ? "property \(property)" : " (property: \(property))" }
        return line
    }
}
