/// Reads the `template` object of a send (reference §1.4): name, `language.code`, and the header, body and
/// quick-reply button components. Matching against the registry happens later, in `TemplateCall.check`.
enum TemplateCallParser {
    static func parse(_ template: JSONValue) throws(GraphError) -> TemplateCall {
        guard let name = template["name"]?.stringValue, !name.isEmpty else {
            throw .requiredParameterMissing("The parameter template['name'] is required.")
        }
        guard let language = template["language"]?["code"]?.stringValue, !language.isEmpty else {
            throw .requiredParameterMissing("The parameter template['language']['code'] is required.")
        }
        var call = TemplateCall(name: name, language: language, headerParameters: [], bodyParameters: [], payloads: [:])
        guard let components = template["components"] else { return call }
        guard let list = components.arrayValue else { throw .invalidParameter("template.components must be an array") }
        for component in list {
            switch component["type"]?.stringValue?.lowercased() {
            case "header"?: call.headerParameters = try parameters(component, "header")
            case "body"?: call.bodyParameters = try parameters(component, "body")
            case "button"?: try button(component, into: &call)
            default: throw .invalidParameter("template component type must be header, body or button")
            }
        }
        return call
    }

    private static func parameters(_ component: JSONValue, _ where_: String) throws(GraphError) -> [String] {
        guard let parameters = component["parameters"]?.arrayValue else { return [] }
        var values: [String] = []
        for parameter in parameters {
            switch parameter["type"]?.stringValue {
            case "text"?:
                guard let text = parameter["text"]?.stringValue, !text.isEmpty else {
                    throw .requiredParameterMissing("\(where_) text parameter needs a non-empty text")
                }
                values.append(text)
            case "currency"?:
                guard let fallback = parameter["currency"]?["fallback_value"]?.stringValue else {
                    throw .requiredParameterMissing("currency parameter needs fallback_value, code and amount_1000")
                }
                values.append(fallback)
            case "date_time"?:
                guard let fallback = parameter["date_time"]?["fallback_value"]?.stringValue else {
                    throw .requiredParameterMissing("date_time parameter needs fallback_value")
                }
                values.append(fallback)
            case let media? where ["image", "document", "video"].contains(media):
                guard let object = parameter[media], object["id"] != nil || object["link"] != nil else {
                    throw .requiredParameterMissing("\(media) parameter needs id or link")
                }
                values.append(object["link"]?.stringValue ?? object["id"]?.stringValue ?? "")
            default:
                throw GraphError(code: 132012, httpStatus: 400, message: "Parameter format does not match format in the created template",
                                 details: "\(where_) parameter type must be text, currency, date_time, image, document or video")
            }
        }
        return values
    }

    private static func button(_ component: JSONValue, into call: inout TemplateCall) throws(GraphError) {
        guard let subType = component["sub_type"]?.stringValue else {
            throw .requiredParameterMissing("button component needs sub_type")
        }
        guard subType == "quick_reply" || subType == "url" else {
            throw .invalidParameter("button sub_type \(subType) is not simulated (quick_reply, url)")
        }
        guard let indexText = component["index"]?.stringValue ?? component["index"]?.int64Value.map({ String($0) }),
              let index = Int(indexText), (0...9).contains(index) else {
            throw .invalidValue("button index must be \"0\"…\"9\"")
        }
        guard subType == "quick_reply" else { return }
        for parameter in component["parameters"]?.arrayValue ?? [] {
            guard parameter["type"]?.stringValue == "payload", let payload = parameter["payload"]?.stringValue else {
                throw .invalidValue("quick_reply button parameters must be {\"type\": \"payload\", \"payload\": …}")
            }
            call.payloads[index] = payload
        }
    }
}

extension TemplateCall {
    /// Checks the call against the approved template: parameter counts (132000) and button indexes (131009).
    /// Returns the buttons the recipient will see.
    func check(against template: WhatsAppTemplate) throws(GraphError) -> [WhatsAppMessageButton] {
        guard headerParameters.count == template.headerParameterCount else {
            throw .templateParameterMismatch(
                "header: number of localizable_params (\(headerParameters.count)) does not match the expected number of params (\(template.headerParameterCount))")
        }
        guard bodyParameters.count == template.bodyParameterCount else {
            throw .templateParameterMismatch(
                "body: number of localizable_params (\(bodyParameters.count)) does not match the expected number of params (\(template.bodyParameterCount))")
        }
        if let bad = payloads.keys.first(where: { $0 >= template.quickReplies.count }) {
            throw .invalidValue("Template \(template.name) has no quick reply button at index \(bad)")
        }
        return template.quickReplies.enumerated().map { index, label in
            WhatsAppMessageButton(kind: .quickReply, id: payloads[index] ?? label, title: label)
        }
    }
}
