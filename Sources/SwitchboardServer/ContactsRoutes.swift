import Foundation
import Hummingbird
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The WhatsApp part of the admin API: the contacts directory (with CSV import, title links and consent), the
/// template registry and the message log. Every change goes through ``ContactsDirectory`` so the CLI answers alike.
struct ContactsRoutes {
    let store: Store

    var directory: ContactsDirectory { ContactsDirectory(store: store) }

    func register(admin: RouterGroup<BasicRequestContext>) {
        admin.get("contacts") { request, _ in
            try await answer {
                let query = request.uri.queryParameters
                let contacts = try await directory.list(role: query["role"].map(String.init), title: query["title"].map(String.init),
                                                        query: query["q"].map(String.init), limit: limit(request, default: 500, max: 5000))
                return JSONResponse.make(.ok, .object(["contacts": .array(contacts.map { WhatsAppJSON.contact($0) })]))
            }
        }
        admin.post("contacts") { request, _ in
            try await answer {
                let change = try ContactChange(json: try await body(request))
                let (contact, created) = try await directory.add(change)
                return JSONResponse.make(created ? .created : .ok, WhatsAppJSON.contact(contact))
            }
        }
        admin.post("contacts/import") { request, _ in try await importContacts(request) }
        admin.get("contacts/:id") { _, context in
            try await answer {
                let id = context.parameters.get("id") ?? ""
                guard let (contact, titles) = try await directory.show(id: id) else { throw ContactNotFound(id: id) }
                return JSONResponse.make(.ok, WhatsAppJSON.contact(contact, titles: titles))
            }
        }
        admin.patch("contacts/:id") { request, context in
            try await answer {
                let contact = try await directory.update(id: context.parameters.get("id") ?? "", try ContactChange(json: try await body(request)))
                return JSONResponse.make(.ok, WhatsAppJSON.contact(contact))
            }
        }
        admin.delete("contacts/:id") { _, context in
            try await answer {
                let id = context.parameters.get("id") ?? ""
                guard try await directory.remove(id: id) else { throw ContactNotFound(id: id) }
                return JSONResponse.make(.ok, .object(["deleted": .bool(true), "id": .string(id)]))
            }
        }
        admin.post("contacts/:id/titles") { request, context in
            try await answer {
                let input = try await body(request)
                guard let title = input["title"]?.stringValue ?? input["isbn"]?.stringValue ?? input["work_id"].flatMap({ $0.int64Value.map { "work:\($0)" } }) else {
                    throw ContactInputError(field: "title", message: "is required (an ISBN, work:123 or a title; or give isbn or work_id)")
                }
                guard let role = input["role"]?.stringValue else { throw ContactInputError(field: "role", message: "is required") }
                let link = try await directory.link(id: context.parameters.get("id") ?? "", title: title, role: role)
                return JSONResponse.make(.ok, WhatsAppJSON.link(link))
            }
        }
        admin.post("contacts/:id/opt-in") { _, context in
            try await answer { JSONResponse.make(.ok, WhatsAppJSON.contact(try await directory.optIn(id: context.parameters.get("id") ?? ""))) }
        }
        admin.post("contacts/:id/opt-out") { request, context in
            try await answer {
                let reason = (try? await body(request))?["reason"]?.stringValue
                return JSONResponse.make(.ok, WhatsAppJSON.contact(try await directory.optOut(id: context.parameters.get("id") ?? "", reason: reason ?? "by an administrator")))
            }
        }
        admin.get("whatsapp/templates") { request, _ in
            try await answer {
                var status: TemplateStatus?
                if let text = request.uri.queryParameters["status"].map(String.init) {
                    guard let parsed = TemplateStatus(parsing: text) else { throw ContactInputError(field: "status", message: "\"\(text)\" is not a template status") }
                    status = parsed
                }
                let templates = try await store.session { [status] in try await $0.templates(status: status) }
                return JSONResponse.make(.ok, .object(["templates": .array(templates.map(WhatsAppJSON.template))]))
            }
        }
        admin.put("whatsapp/templates/:name/:language") { request, context in
            try await answer {
                let change = try TemplateChange(json: try await body(request))
                let template = try await change.apply(name: context.parameters.get("name") ?? "", language: context.parameters.get("language") ?? "", store: store)
                return JSONResponse.make(.ok, WhatsAppJSON.template(template))
            }
        }
        admin.get("whatsapp/messages") { request, _ in
            try await answer {
                let query = request.uri.queryParameters
                let messages = try await directory.messages(contact: query["contact"].map(String.init), correlation: query["correlation"].map(String.init),
                                                            status: query["status"].map(String.init), limit: limit(request, default: 100, max: 1000))
                return JSONResponse.make(.ok, .object(["messages": .array(messages.map(WhatsAppJSON.message))]))
            }
        }
    }

    /// `POST /api/contacts/import`: a CSV body, imported whole (200 with counts) or not at all (422 with every problem).
    func importContacts(_ request: Request) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 16 << 20)
        } catch {
            return JSONResponse.error(.contentTooLarge, "a contact list is at most 16 MB")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            return JSONResponse.error(.badRequest, "the contact list must be UTF-8 text")
        }
        let country = request.uri.queryParameters["default_country_code"].map(String.init)
        return try await answer {
            let report = try await directory.importCSV(text, source: "request body", defaultCountryCallingCode: country)
            return JSONResponse.make(report.succeeded ? .ok : .unprocessableContent, WhatsAppJSON.importReport(report))
        }
    }

    /// Runs `body`, turning a bad field into 400 and an unknown contact into 404.
    func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as ContactInputError {
            return JSONResponse.make(.badRequest, .object(["error": .string(error.description), "field": .string(error.field), "problem": .string(error.message)]))
        } catch let error as ContactNotFound {
            return JSONResponse.error(.notFound, error.description)
        }
    }

    /// The request's JSON object body; an empty body is `{}`.
    func body(_ request: Request) async throws -> JSONValue {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: 1 << 20) } catch { throw ContactInputError(field: "body", message: "larger than 1 MB") }
        if buffer.readableBytes == 0 { return .object([:]) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView)), case .object = value else {
            throw ContactInputError(field: "body", message: "must be a JSON object")
        }
        return value
    }

    func limit(_ request: Request, default fallback: Int, max: Int) -> Int {
        min(Swift.max(Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? fallback, 1), max)
    }
}
