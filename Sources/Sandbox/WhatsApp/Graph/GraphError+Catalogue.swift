/// The Graph errors the sandbox answers with, named by situation so handlers read like the rules they enforce.
/// Codes, titles and HTTP statuses follow reference §4.2 and Meta's error-code page.
extension GraphError {
    static func invalidToken() -> GraphError {
        GraphError(code: 190, httpStatus: 401, message: "Invalid OAuth access token - Cannot parse access token",
                   details: "The access token is missing, malformed or not the one configured for this sandbox")
    }

    static func invalidParameter(_ details: String) -> GraphError {
        GraphError(code: 100, httpStatus: 400, message: "Invalid parameter", details: details)
    }

    static func malformedJSON() -> GraphError {
        invalidParameter("The request body is not a valid JSON object")
    }

    static func missingObject(_ id: String, method: String) -> GraphError {
        GraphError(code: 100, httpStatus: 400,
                   message: "Unsupported \(method) request. Object with ID '\(id)' does not exist, cannot be loaded due to missing permissions, or does not support this operation",
                   details: "Unknown object id \(id)", subcode: 33)
    }

    static func requiredParameterMissing(_ details: String) -> GraphError {
        GraphError(code: 131008, httpStatus: 400, message: "Required parameter is missing", details: details)
    }

    static func invalidValue(_ details: String) -> GraphError {
        GraphError(code: 131009, httpStatus: 400, message: "Parameter value is not valid", details: details)
    }

    static func templateParameterMismatch(_ details: String) -> GraphError {
        GraphError(code: 132000, httpStatus: 400, message: "Number of parameters does not match the expected number of params",
                   details: details)
    }

    static func templateMissing(name: String, language: String) -> GraphError {
        GraphError(code: 132001, httpStatus: 404, message: "Template name does not exist in the translation",
                   details: "template name (\(name)) does not exist in \(language)")
    }

    static func templatePaused(_ name: String) -> GraphError {
        GraphError(code: 132015, httpStatus: 400, message: "Template is Paused",
                   details: "Template \(name) is paused due to low quality so it cannot be sent in a template message")
    }

    static func templateDisabled(_ name: String) -> GraphError {
        GraphError(code: 132016, httpStatus: 400, message: "Template is Disabled",
                   details: "Template \(name) has been paused too many times due to low quality and is now permanently disabled")
    }

    static func throughputReached(limit: Int) -> GraphError {
        GraphError(code: 130429, httpStatus: 429, message: "Rate limit hit",
                   details: "Cloud API message throughput (\(limit) messages per second) has been reached")
    }

    static func pairRateLimit(_ waID: String) -> GraphError {
        GraphError(code: 131056, httpStatus: 429, message: "(Business Account, Consumer Account) pair rate limit hit",
                   details: "Too many messages sent from this phone number to the same phone number (\(waID)) in a short period of time")
    }

    static func unsupportedMediaGet(_ id: String) -> GraphError {
        missingObject(id, method: "get")
    }

    /// The title Meta puts on an error code in webhook `errors[]` and failed statuses.
    static func title(for code: Int) -> String {
        switch code {
        case 1: return "Unknown error"
        case 2: return "Service temporarily unavailable"
        case 100: return "Invalid parameter"
        case 130429: return "Rate limit hit"
        case 131000: return "Something went wrong"
        case 131016: return "Service unavailable"
        case 131026: return "Message undeliverable"
        case 131047: return "Re-engagement message"
        case 131053: return "Media upload error"
        case 131056: return "(Business Account, Consumer Account) pair rate limit hit"
        default: return "Error \(code)"
        }
    }
}
