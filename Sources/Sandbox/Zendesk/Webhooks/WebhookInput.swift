import Foundation

/// Applies `{"webhook":{…}}` bodies to webhook records, with 422 `RecordInvalid` details for bad values.
///
/// Creation needs every member Zendesk requires; `PUT` and `PATCH` change only the members sent. A webhook's
/// connection method (events or triggers) cannot change, and event subscriptions must use `POST` and JSON.
enum WebhookInput {
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    static let formats = ["json", "xml", "form_encoded"]
    static let statuses = ["active", "inactive"]

    /// `object` applied to `record`; `isCreation` requires the members a new webhook must have.
    static func apply(_ object: JSONValue, to record: WebhookRecord,
                      isCreation: Bool) -> Result<WebhookRecord, MutationError> {
        var webhook = record
        var errors: [FieldError] = []
        func text(_ member: String, label: String, allowed: [String]? = nil) -> String? {
            guard let value = object[member] else {
                if isCreation { errors.append(blank(member, label)) }
                return nil
            }
            guard let string = value.stringValue, !string.trimmingSpaces().isEmpty else {
                errors.append(blank(member, label))
                return nil
            }
            if let allowed, !allowed.contains(string) {
                errors.append(FieldError(field: member, description: "\(label): \(string) is not valid",
                                         error: "InvalidValue"))
                return nil
            }
            return string
        }
        if let name = text("name", label: "Name") { webhook.name = name }
        if let endpoint = text("endpoint", label: "Endpoint") {
            if isHTTPURL(endpoint) {
                webhook.endpoint = endpoint
            } else {
                errors.append(FieldError(field: "endpoint", description: "Endpoint: \(endpoint) is not a valid URL",
                                         error: "InvalidValue"))
            }
        }
        if let method = text("http_method", label: "HTTP method", allowed: methods) { webhook.httpMethod = method }
        if let format = text("request_format", label: "Request format", allowed: formats) { webhook.requestFormat = format }
        if let status = text("status", label: "Status", allowed: statuses) { webhook.status = status }
        if let value = object["description"] { webhook.description = value.stringValue }
        if let value = object["subscriptions"] {
            if let list = value.arrayValue?.compactMap(\.stringValue), !list.isEmpty {
                webhook.subscriptions = list
            } else {
                errors.append(blank("subscriptions", "Subscriptions"))
            }
        } else if isCreation {
            errors.append(blank("subscriptions", "Subscriptions"))
        }
        if let value = object["authentication"] {
            switch authentication(value) {
            case .success(let parsed): webhook.authentication = parsed
            case .failure(let error): errors.append(error)
            }
        }
        if let value = object["custom_headers"] {
            if let headers = value.objectValue {
                webhook.customHeaders = headers.compactMapValues(\.stringValue)
            } else if !value.isNull {
                errors.append(FieldError(field: "custom_headers", description: "Custom headers: must be an object",
                                         error: "InvalidValue"))
            }
        }
        errors += subscriptionErrors(webhook, previous: isCreation ? nil : record)
        return errors.isEmpty ? .success(webhook) : .failure(.invalid(errors))
    }

    private static func subscriptionErrors(_ webhook: WebhookRecord, previous: WebhookRecord?) -> [FieldError] {
        let list = webhook.subscriptions
        guard !list.isEmpty else { return [] }
        func error(_ text: String) -> [FieldError] {
            [FieldError(field: "subscriptions", description: "Subscriptions: \(text)", error: "InvalidValue")]
        }
        if list.contains(WebhookRecord.conditionalSubscription) {
            guard list.count == 1 else { return error("conditional_ticket_events cannot be combined with events") }
        } else if let bad = list.first(where: { !$0.hasPrefix(WebhookRecord.eventTypePrefix) || !$0.contains(".") }) {
            return error("\(bad) is not a valid event type")
        } else if webhook.httpMethod != "POST" || webhook.requestFormat != "json" {
            return error("webhooks subscribed to events must use POST and json")
        }
        if let previous, previous.isConditional != webhook.isConditional {
            return error("a webhook's connection method cannot be changed")
        }
        return []
    }

    private static func authentication(_ value: JSONValue) -> Result<WebhookAuthentication?, FieldError> {
        if value.isNull { return .success(nil) }
        guard let type = value["type"]?.stringValue, WebhookAuthentication.types.contains(type) else {
            return .failure(FieldError(field: "authentication", description: "Authentication: type is not valid",
                                       error: "InvalidValue"))
        }
        let position = value["add_position"]?.stringValue ?? "header"
        guard position == "header" else {
            return .failure(FieldError(field: "authentication", description: "Authentication: add_position must be header",
                                       error: "InvalidValue"))
        }
        let data = value["data"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        return .success(WebhookAuthentication(type: type, addPosition: position, data: data))
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        return (scheme == "http" || scheme == "https") && !host.isEmpty
    }

    private static func blank(_ member: String, _ label: String) -> FieldError {
        FieldError(field: member, description: "\(label): cannot be blank", error: "BlankValue")
    }
}
