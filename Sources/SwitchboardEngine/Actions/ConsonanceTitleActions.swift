import ConsonanceKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `consonance.find_title`: which title a ticket is about, with the note, tags and custom-field values that give
/// support its context. Read-only towards Consonance (an ISBN it had to look up is remembered locally).
struct FindTitleAction: FlowAction {
    let name = "consonance.find_title"
    let hasSideEffects = false

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let text = input.optionalText("text") ?? ""
        let subject = input.optionalText("subject")
        let resolver = TitleResolver(store: context.store, consonance: context.consonance, connection: input.optionalText("connection"))
        let result = try await resolver.resolve(text: [subject ?? "", text].joined(separator: "\n"), subject: subject, tags: input.strings("tags"),
                                                customFieldValues: input["custom_fields"]?.customFieldStrings ?? [])
        let topics = SupportTopics.classify([subject ?? "", text].joined(separator: " "))
        guard let match = result.match else {
            return .object(["found": .bool(false), "isbns": .array([]), "formats": .array([]), "tags": .array([]), "custom_fields": .object([:]),
                            "topics": .array(topics.map(JSONValue.string)), "rejected_isbns": .array(result.rejected.map(JSONValue.string))])
        }
        let contracts = try await context.store.session { try await $0.catalogueContracts(connection: match.connection, workID: match.work.id) }
        var fields: [String: Int64] = [:]
        if case .object(let given)? = input["fields"] {
            for (role, value) in given { if let id = value.int64Value { fields[role] = id } }
        }
        return TitleContext(match: match, contracts: contracts).output(fields: fields, topics: topics, rejected: result.rejected)
    }
}

/// `consonance.contributor_context`: the projects of the person writing in (matched by email to a Consonance
/// contributor): stage, contract dates and the deliveries coming up.
struct ContributorContextAction: FlowAction {
    let name = "consonance.contributor_context"
    let hasSideEffects = false

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        var email = input.optionalText("email")
        if email == nil, let requester = try input.optionalInteger("requester_id") {
            email = try await context.zendeskClient(for: input).user(id: requester).email
        }
        guard let email, !email.isEmpty else { return ContributorContext.notFound(email: nil) }
        let contributions = try await context.store.session { try await $0.catalogueContributors(email: email) }
        guard !contributions.isEmpty else { return ContributorContext.notFound(email: email) }
        var works: [(CatalogueWork, [CatalogueProduct], [CatalogueContract], String)] = []
        for (connection, contributor) in contributions {
            let (work, products, contracts) = try await context.store.session { session in
                (try await session.catalogueWork(connection: connection, id: contributor.workID),
                 try await session.catalogueProducts(connection: connection, workIDs: [contributor.workID]),
                 try await session.catalogueContracts(connection: connection, workID: contributor.workID))
            }
            if let work { works.append((work, products, contracts, contributor.role)) }
        }
        let name = contributions.first?.contributor.name
        return ContributorContext(name: name, email: email, works: works, today: ActionContext.isoDay(daysFromNow: 0)).output
    }
}

/// `consonance.add_weblink`: a link on a title's product (the closest real mutation to "attach a Switchboard record
/// to a title"); repeating it finds the link already there.
struct AddWebLinkAction: FlowAction {
    let name = "consonance.add_weblink"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        guard let consonance = context.consonance else { throw ActionError.permanent("Consonance is not available on this node", response: nil) }
        guard let result = try await TitleLinker(consonance: consonance, connection: input.optionalText("connection")).link(
            productID: try input.optionalInteger("product_id"), workID: try input.optionalInteger("work_id"), isbn13: input.optionalText("isbn13"),
            url: try input.text("url"), note: input.optionalText("note"), role: input.optionalText("role") ?? "01") else {
            throw ActionError.permanent("no Consonance product found for the title", response: nil)
        }
        context.sent(name)
        return .object(["weblink_id": .number(Double(result.id)), "created": .bool(result.created), "product_id": .number(Double(result.productID))])
    }
}
