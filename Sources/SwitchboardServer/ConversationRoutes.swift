import Foundation
import Hummingbird
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The admin API of the conversation recipes: acquisition opportunities (with their attachments' bytes), metadata
/// proposals (creating one starts the confirmation flow) and royalty statements (JSON or the CSV export).
struct ConversationRoutes {
    let store: Store
    let records: PublishingRecords
    let consonance: ConsonanceClientPool?

    func register(admin: RouterGroup<BasicRequestContext>) {
        admin.get("opportunities") { request, _ in
            let status = request.uri.queryParameters["status"].map(String.init)
            let list = try await store.session { try await $0.opportunities(status: status) }
            return JSONResponse.make(.ok, .object(["opportunities": .array(list.map { ConversationJSON.opportunity($0) })]))
        }
        admin.get("opportunities/:id") { _, context in try await opportunity(context.parameters.get("id") ?? "") }
        admin.get("opportunities/:id/attachments/:attachment") { _, context in
            try await attachment(opportunityID: context.parameters.get("id") ?? "", id: context.parameters.get("attachment") ?? "")
        }
        admin.post("opportunities/:id/status") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let input = try await body(request), let status = input["status"]?.stringValue else {
                return JSONResponse.error(.badRequest, "the body must be {\"status\": \"open|accepted|declined|closed\"}")
            }
            do {
                guard let updated = try await records.setOpportunityStatus(id: id, status: status) else { return JSONResponse.error(.notFound, "no opportunity \(id)") }
                return JSONResponse.make(.ok, ConversationJSON.opportunity(updated))
            } catch let error as RecordError {
                return JSONResponse.error(.badRequest, error.description)
            }
        }
        admin.get("metadata-proposals") { request, _ in
            let status = request.uri.queryParameters["status"].map(String.init)
            let list = try await store.session { try await $0.metadataProposals(status: status) }
            return JSONResponse.make(.ok, .object(["metadata_proposals": .array(list.map { ConversationJSON.proposal($0) })]))
        }
        admin.get("metadata-proposals/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let found = try await store.session({ session -> (MetadataProposal, [MetadataResponse])? in
                guard let proposal = try await session.metadataProposal(id: id) else { return nil }
                return (proposal, try await session.metadataResponses(proposalID: id))
            }) else { return JSONResponse.error(.notFound, "no metadata proposal \(id)") }
            return JSONResponse.make(.ok, ConversationJSON.proposal(found.0, responses: found.1))
        }
        admin.post("metadata-proposals") { request, _ in try await propose(request) }
        admin.get("royalty-statements") { request, _ in
            let status = request.uri.queryParameters["status"].map(String.init)
            let list = try await store.session { try await $0.royaltyStatements(status: status) }
            return JSONResponse.make(.ok, .object(["royalty_statements": .array(list.map(ConversationJSON.statement))]))
        }
        admin.get("royalty-statements/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let statement = try await store.session({ try await $0.royaltyStatement(id: id) }) else { return JSONResponse.error(.notFound, "no royalty statement \(id)") }
            return JSONResponse.make(.ok, ConversationJSON.statement(statement))
        }
        admin.post("royalty-statements") { request, _ in try await importStatements(request) }
    }

    func body(_ request: Request) async throws -> JSONValue? {
        guard let buffer = try? await request.body.collect(upTo: 1 << 20), let value = try? JSONValue.parse(buffer.readableBytesView), case .object = value else { return nil }
        return value
    }

    func opportunity(_ id: String) async throws -> Response {
        guard let found = try await store.session({ session -> (AcquisitionOpportunity, [OpportunityMessage], [OpportunityAttachment])? in
            guard let opportunity = try await session.opportunity(id: id) else { return nil }
            return (opportunity, try await session.opportunityMessages(opportunityID: id), try await session.opportunityAttachments(opportunityID: id))
        }) else { return JSONResponse.error(.notFound, "no opportunity \(id)") }
        return JSONResponse.make(.ok, ConversationJSON.opportunity(found.0, messages: found.1, attachments: found.2))
    }

    /// The attachment's bytes with its MIME type and file name.
    func attachment(opportunityID: String, id: String) async throws -> Response {
        guard let (attachment, base64) = try await store.session({ try await $0.opportunityAttachmentContent(id: id) }), attachment.opportunityID == opportunityID else {
            return JSONResponse.error(.notFound, "no attachment \(id) on opportunity \(opportunityID)")
        }
        guard let base64, let bytes = Data(base64Encoded: base64) else {
            return JSONResponse.error(.notFound, "attachment \(id) was not downloaded (\(attachment.status)\(attachment.error.map { ": \($0)" } ?? ""))")
        }
        var headers = HTTPFields()
        headers[.contentType] = attachment.mimeType ?? "application/octet-stream"
        if let filename = attachment.filename { headers[.contentDisposition] = "attachment; filename=\"\(filename.replacingOccurrences(of: "\"", with: ""))\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func propose(_ request: Request) async throws -> Response {
        guard let input = try await body(request) else { return JSONResponse.error(.badRequest, "the body must be a JSON object (at most 1 MB)") }
        guard let isbn = input["isbn"]?.stringValue ?? input["isbn13"]?.stringValue else { return JSONResponse.error(.badRequest, "isbn is required") }
        do {
            let proposal = try await records.proposeMetadata(isbn: isbn, subtitle: input["subtitle"]?.stringValue, contributors: input["contributors"]?.stringValue,
                                                             coverCopy: input["cover_copy"]?.stringValue, series: input["series"]?.stringValue,
                                                             proposedBy: input["proposed_by"]?.stringValue, consonance: consonance)
            return JSONResponse.make(.created, ConversationJSON.proposal(proposal))
        } catch let error as RecordError {
            if case .notFound = error { return JSONResponse.error(.notFound, error.description) }
            return JSONResponse.error(.badRequest, error.description)
        }
    }

    /// One statement (a JSON object), several (`{"statements": [...]}`), or the CSV export (`Content-Type: text/csv`);
    /// all or nothing, with every problem in `errors`.
    func importStatements(_ request: Request) async throws -> Response {
        guard let buffer = try? await request.body.collect(upTo: 16 << 20) else { return JSONResponse.error(.contentTooLarge, "the body is larger than 16 MB") }
        var rows: [RoyaltyStatementRow] = []
        var problems: [ContactsCSVProblem] = []
        if request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true {
            let csv = RoyaltyStatementsCSV(text: String(buffer: buffer), source: "body")
            (rows, problems) = (csv.rows, csv.problems)
        } else {
            guard let input = try? JSONValue.parse(buffer.readableBytesView), case .object = input else {
                return JSONResponse.error(.badRequest, "the body must be a statement as a JSON object, {\"statements\": [...]}, or CSV with Content-Type: text/csv")
            }
            let items: [JSONValue]
            if case .array(let list)? = input["statements"] { items = list } else { items = [input] }
            for (index, item) in items.enumerated() {
                var values: [String: String] = [:]
                if case .object(let fields) = item {
                    for (key, value) in fields { values[key] = value.stringValue ?? (value == .null ? nil : value.jsonText) }
                }
                let (row, rowProblems) = RoyaltyStatementsCSV.read(values, line: index + 1)
                problems += rowProblems
                if let row { rows.append(row) }
            }
        }
        problems = (problems + (try await records.royaltyPayeeProblems(rows))).sorted { $0.line < $1.line }
        guard problems.isEmpty else {
            let lines = problems.map { "statement \($0.line): \($0.field): \($0.message)" }
            return JSONResponse.make(.unprocessableContent, .object(["error": .string("\(problems.count) problem(s); nothing was imported"),
                                                                     "errors": .array(lines.map(JSONValue.string))]))
        }
        let result = try await records.importRoyaltyStatements(rows, source: "api")
        return JSONResponse.make(result.created.isEmpty ? .ok : .created, ConversationJSON.royaltyImport(result))
    }
}
