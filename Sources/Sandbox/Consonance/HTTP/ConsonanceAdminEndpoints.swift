import Hummingbird

/// `/_sandbox/…`: endpoints outside the real API (no key needed) that let scripts and tests make things happen
/// inside Consonance — move the calendar, change dates, statuses, stages and rights — and read the request log.
///
/// Bodies are JSON objects; a member left out keeps its value, `null` clears a date. Answers are the changed
/// record's summary; errors are `{"errors":[{"message":…}]}` with 400 or 404.
struct ConsonanceAdminEndpoints: Sendable {
    let services: ConsonanceServices

    func handle(method: HTTPRequest.Method, path: String, body: [UInt8]) -> APIResponse {
        let segments = path.split(separator: "/").dropFirst().map(String.init)
        let json: JSONValue
        if body.isEmpty {
            json = .object([:])
        } else if let parsed = JSONValue.parse(body), parsed.objectValue != nil {
            json = parsed
        } else {
            return ConsonanceErrors.response(.badRequest, "The body must be a JSON object")
        }
        do throws(AdminError) {
            return try route(method, segments, json)
        } catch {
            return ConsonanceErrors.response(error.status, error.message)
        }
    }

    private func route(_ method: HTTPRequest.Method, _ path: [String], _ body: JSONValue) throws(AdminError) -> APIResponse {
        let id = path.count >= 2 ? Int(path[1]) : nil
        switch (method, path.first, path.count) {
        case (.get, "requests", 1):
            return .json(services.log.json())
        case (.delete, "requests", 1):
            services.log.clear()
            return .noContent
        case (.get, "today", 1):
            return today()
        case (.put, "today", 1), (.post, "today", 1):
            guard let date = try AdminError.date(body, "today"), let date else {
                throw AdminError(.badRequest, "Send {\"today\": \"YYYY-MM-DD\"}")
            }
            services.store.setToday(date)
            return today()
        case (.get, "faults", 1):
            return faults()
        case (.put, "faults", 1), (.post, "faults", 1):
            guard let spec = body["faults"]?.stringValue else {
                throw AdminError(.badRequest, "Send {\"faults\": \"500=0.1,429=0.05,over-report=0.2\"} (or \"none\")")
            }
            do {
                let parsed = try ConsonanceFaults(parsing: spec)
                services.faults.setMix(parsed.mix)
                services.overReportChanges.withLock { $0 = parsed.overReportChanges }
            } catch {
                throw AdminError(.badRequest, error.description)
            }
            return faults()
        case (.get, "works", 2), (.get, "products", 2), (.get, "contracts", 2), (.get, "contacts", 2):
            return try summary(path[0], id)
        case (.post, "works", 2), (.patch, "works", 2):
            return try change("works", id, body) { (catalogue, id) throws(AdminError) in
                guard let stage = body["projectStage"]?.stringValue else {
                    throw AdminError(.badRequest, "Send {\"projectStage\": \"…\"}")
                }
                try AdminError.wrap { () throws(ConsonanceSandboxError) in try catalogue.setProjectStage(workID: id, stage) }
            }
        case (.post, "products", 2), (.patch, "products", 2):
            return try change("products", id, body) { (catalogue, id) throws(AdminError) in try changeProduct(&catalogue, id, body) }
        case (.post, "contracts", 2), (.patch, "contracts", 2):
            return try change("contracts", id, body) { (catalogue, id) throws(AdminError) in try changeContract(&catalogue, id, body) }
        case (.post, "contacts", 2), (.patch, "contacts", 2):
            return try change("contacts", id, body) { (catalogue, id) throws(AdminError) in
                try AdminError.wrap { () throws(ConsonanceSandboxError) in
                    try catalogue.setContactDetails(contactID: id, email: body["email"]?.stringValue,
                                                    phone: body["phone"]?.stringValue)
                }
            }
        case (.post, "contracts", 4) where path[2] == "delivery-dates", (.patch, "contracts", 4) where path[2] == "delivery-dates":
            guard let deliveryID = Int(path[3]), body["slippedDate"] != nil else {
                throw AdminError(.badRequest, "Send {\"slippedDate\": \"YYYY-MM-DD\"} (or null to clear)")
            }
            let slipped = try AdminError.date(body, "slippedDate") ?? nil
            return try change("contracts", id, body) { (catalogue, _) throws(AdminError) in
                try AdminError.wrap { () throws(ConsonanceSandboxError) in try catalogue.slipDeliveryDate(deliveryID, to: slipped) }
            }
        case (.post, "contracts", 3) where path[2] == "licensed-rights":
            guard let rightType = body["rightType"]?.stringValue, let cut = body["authorCut"].flatMap(AdminError.number) else {
                throw AdminError(.badRequest, "Send {\"rightType\": \"Audio\", \"authorCut\": 75}")
            }
            var response = try change("contracts", id, body) { (catalogue, id) throws(AdminError) in
                try AdminError.wrap { () throws(ConsonanceSandboxError) in
                    _ = try catalogue.addLicensedRight(contractID: id, rightType: rightType, authorCut: cut)
                }
            }
            response.status = .created
            return response
        case (.delete, "contracts", 4) where path[2] == "licensed-rights":
            guard let id, let rightID = Int(path[3]) else { throw AdminError(.notFound, "Not found") }
            try AdminError.wrap { () throws(ConsonanceSandboxError) in
                try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
                    try catalogue.removeLicensedRight(contractID: id, rightID: rightID)
                }
            }
            return .noContent
        default:
            throw AdminError(.notFound, "No sandbox endpoint \(method.rawValue) /_sandbox/\(path.joined(separator: "/")) (see docs/sandbox.md)")
        }
    }

    private func today() -> APIResponse {
        var writer = JSONWriter(capacity: 32)
        writer.beginObject()
        writer.field("today", services.store.today.description)
        writer.endObject()
        return .json(writer)
    }

    private func faults() -> APIResponse {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.field("faults", ConsonanceFaults(mix: services.faults.mix,
                                                overReportChanges: services.overReportChanges.withLock { $0 }).description)
        writer.endObject()
        return .json(writer)
    }

    /// Applies a change atomically (to a copy, kept only if every part succeeds) and answers the record's summary.
    private func change(_ kind: String, _ id: Int?, _ body: JSONValue,
                        _ apply: (inout Catalogue, Int) throws(AdminError) -> Void) throws(AdminError) -> APIResponse {
        guard let id else { throw AdminError(.notFound, "Not found") }
        var failure: AdminError?
        try? services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            var copy = catalogue
            do throws(AdminError) {
                try apply(&copy, id)
                catalogue = copy
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return try summary(kind, id)
    }

    private func summary(_ kind: String, _ id: Int?) throws(AdminError) -> APIResponse {
        let writer: JSONWriter? = services.store.read { catalogue in
            guard let id else { return nil }
            switch kind {
            case "works": return catalogue.work(id).map { AdminJSON.work(ConsonanceWorkSummary($0, in: catalogue)) }
            case "products": return catalogue.product(id).map { AdminJSON.product(ConsonanceProductSummary($0, in: catalogue)) }
            case "contracts": return catalogue.contract(id).map { AdminJSON.contract(ConsonanceContractSummary($0)) }
            default: return catalogue.contact(id).map { AdminJSON.contact(ConsonanceContributorSummary($0)) }
            }
        }
        guard let writer else { throw AdminError(.notFound, "No \(kind.dropLast()) \(id.map(String.init) ?? "")") }
        return .json(writer)
    }

    private func changeProduct(_ catalogue: inout Catalogue, _ id: Int, _ body: JSONValue) throws(AdminError) {
        if body["publicationDate"] != nil {
            let date = try AdminError.date(body, "publicationDate") ?? nil
            try AdminError.wrap { () throws(ConsonanceSandboxError) in try catalogue.setPublicationDate(productID: id, date) }
        }
        if let status = body["publishingStatus"]?.stringValue {
            try AdminError.wrap { () throws(ConsonanceSandboxError) in try catalogue.setPublishingStatus(productID: id, status) }
        }
        if body["forSale"] != nil || body["notForSale"] != nil || body["worldwide"] != nil {
            guard let current = catalogue.product(id) else { throw AdminError(.notFound, "Product \(id) not found") }
            let forSale = body["forSale"]?.arrayValue?.compactMap(\.stringValue) ?? current.forSaleCountryCodes
            let notForSale = body["notForSale"]?.arrayValue?.compactMap(\.stringValue) ?? current.notForSaleCountryCodes
            let worldwide = body["worldwide"]?.boolValue ?? current.isForSaleWorldwide
            try AdminError.wrap { () throws(ConsonanceSandboxError) in
                try catalogue.setSalesRights(productID: id, forSale: forSale, notForSale: notForSale, worldwide: worldwide)
            }
        }
    }

    private func changeContract(_ catalogue: inout Catalogue, _ id: Int, _ body: JSONValue) throws(AdminError) {
        let names = ["signedDate", "msDeliveryDate", "revisedMsDeliveryDate", "actualMsDeliveryDate", "msProofsDate",
                     "pubBeforeDate"]
        var values: [String: SandboxDate?] = [:]
        for name in names where body[name] != nil { values[name] = try AdminError.date(body, name) ?? nil }
        guard !values.isEmpty else { throw AdminError(.badRequest, "Send one or more of \(names.joined(separator: ", "))") }
        try AdminError.wrap { () throws(ConsonanceSandboxError) in
            try catalogue.setContractDates(contractID: id) { dates in
                if let value = values["signedDate"] { dates.signedDate = value }
                if let value = values["msDeliveryDate"] { dates.msDeliveryDate = value }
                if let value = values["revisedMsDeliveryDate"] { dates.revisedMsDeliveryDate = value }
                if let value = values["actualMsDeliveryDate"] { dates.actualMsDeliveryDate = value }
                if let value = values["msProofsDate"] { dates.msProofsDate = value }
                if let value = values["pubBeforeDate"] { dates.pubBeforeDate = value }
            }
        }
    }
}

/// A refused admin request: status and message.
struct AdminError: Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func wrap(_ body: () throws(ConsonanceSandboxError) -> Void) throws(AdminError) {
        do {
            try body()
        } catch {
            switch error {
            case .notFound: throw AdminError(.notFound, error.message)
            default: throw AdminError(.badRequest, error.message)
            }
        }
    }

    /// A date member: `nil` when absent, `.some(nil)` for JSON null, else the date (400 when malformed).
    static func date(_ body: JSONValue, _ name: String) throws(AdminError) -> SandboxDate?? {
        guard let value = body[name] else { return nil }
        if value.isNull { return .some(nil) }
        guard let text = value.stringValue, let date = SandboxDate(text) else {
            throw AdminError(.badRequest, "\(name) must be a date written YYYY-MM-DD (or null)")
        }
        return .some(date)
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }
}
