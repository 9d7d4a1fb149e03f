/// A PrivX-shaped error answer: status plus `{error_code, error_message, property, details}`.
struct APIError: Error, Sendable {
    let status: Int
    let code: String
    let message: String
    let property: String?
    let details: [APIError]

    init(_ status: Int, _ code: String, _ message: String, property: String? = nil, details: [APIError] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.property = property
        self.details = details
    }

    var json: SimulatorJSON {
        var object: [String: SimulatorJSON] = ["error_code": .string(code), "error_message": .string(message)]
        if let property { object["property"] = .string(property) }
        // Every error that names a property also lists it in details, as the PrivX UI expects.
        if details.isEmpty, let property {
            object["details"] = [["error_code": .string(code), "error_message": .string(message), "property": .string(property)]]
        } else {
            object["details"] = .array(details.map(\.json))
        }
        return .object(object)
    }

    static func badRequest(_ code: String, _ message: String, property: String?, details: [APIError] = []) -> APIError {
        APIError(400, code, message, property: property, details: details)
    }

    static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(404, "OBJECT_NOT_FOUND", "\(what) \(id) does not exist; it may have been deleted. Reload the list and try again.",
                 property: "id")
    }

    static let unauthorized = APIError(401, "UNAUTHORIZED",
        "the bearer token is missing or malformed; request a token from /auth/api/v1/oauth/token and send it as 'Authorization: Bearer <token>'")
    static let expired = APIError(401, "UNAUTHORIZED",
        "the bearer token has expired or is unknown; request a new token from /auth/api/v1/oauth/token")

    static func permissionDenied(_ permission: String) -> APIError {
        APIError(403, "PERMISSION_DENIED",
                 "this request needs the permission '\(permission)', which the caller (API client or user) does not have; ask a PrivX administrator to grant it",
                 property: nil, details: [APIError(403, "PERMISSION_DENIED", "missing permission", property: permission)])
    }
}

/// An OAuth-shaped error from the token endpoint: `{error, error_description}`.
struct OAuthError: Error, Sendable {
    let status: Int
    let error: String
    let description: String

    var json: SimulatorJSON { ["error": .string(error), "error_description": .string(description)] }
}
