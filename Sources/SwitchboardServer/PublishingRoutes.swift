import Foundation
import Hummingbird
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The publishing part of the admin API — titles for the Zendesk sidebar app, tasks, milestones, support signals,
/// rights reviews, exceptions, the support report, launches — and the iCalendar feed of publishing dates.
struct PublishingRoutes {
    let store: Store
    let records: PublishingRecords
    let consonance: ConsonanceClientPool?
    let adminToken: String?
    let publicURL: String

    func register(admin: RouterGroup<BasicRequestContext>, on router: Router<BasicRequestContext>) {
        admin.get("titles/:isbn") { _, context in try await title(context.parameters.get("isbn") ?? "") }
        admin.get("tasks") { request, _ in
            let status = request.uri.queryParameters["status"].map(String.init)
            return JSONResponse.make(.ok, .object(["tasks": .array(try await store.session { try await $0.tasks(status: status) }.map(PublishingJSON.task))]))
        }
        admin.get("tasks/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let task = try await store.session({ try await $0.task(id: id) }) else { return JSONResponse.error(.notFound, "no task \(id)") }
            return JSONResponse.make(.ok, PublishingJSON.task(task))
        }
        admin.post("tasks") { request, _ in try await createTask(request) }
        admin.post("tasks/:id/status") { request, context in try await setTaskStatus(request, id: context.parameters.get("id") ?? "") }
        admin.get("milestones") { request, _ in
            let open = request.uri.queryParameters["open"] == "true"
            return JSONResponse.make(.ok, .object(["milestones": .array(try await store.session { try await $0.milestones(openOnly: open) }.map(PublishingJSON.milestone))]))
        }
        admin.get("milestones/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let milestone = try await store.session({ try await $0.milestone(id: id) }) else { return JSONResponse.error(.notFound, "no milestone \(id)") }
            return JSONResponse.make(.ok, PublishingJSON.milestone(milestone))
        }
        admin.post("milestones") { request, _ in try await createMilestone(request) }
        admin.post("milestones/:id/done") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let milestone = try await records.setMilestoneDone(id: id) else {
                return JSONResponse.error(.notFound, "no milestone \(id)")
            }
            return JSONResponse.make(.ok, PublishingJSON.milestone(milestone))
        }
        admin.get("signals") { _, _ in
            JSONResponse.make(.ok, .object(["signals": .array(try await store.session { try await $0.supportSignals() }.map(PublishingJSON.signal))]))
        }
        admin.get("signals/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let signal = try await store.session({ try await $0.supportSignal(id: id) }) else { return JSONResponse.error(.notFound, "no support signal \(id)") }
            return JSONResponse.make(.ok, PublishingJSON.signal(signal))
        }
        admin.get("rights-reviews") { request, _ in
            let status = request.uri.queryParameters["status"].map(String.init)
            return JSONResponse.make(.ok, .object(["rights_reviews": .array(try await store.session { try await $0.rightsReviews(status: status) }.map(PublishingJSON.review))]))
        }
        admin.get("rights-reviews/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let review = try await store.session({ try await $0.rightsReview(id: id) }) else { return JSONResponse.error(.notFound, "no rights review \(id)") }
            return JSONResponse.make(.ok, PublishingJSON.review(review))
        }
        admin.post("rights-reviews") { request, _ in try await openReview(request) }
        admin.post("rights-reviews/:id/decision") { request, context in try await decide(request, id: context.parameters.get("id") ?? "") }
        admin.get("exceptions") { _, _ in
            JSONResponse.make(.ok, .object(["exceptions": .array(try await store.session { try await $0.openExceptions() }.map(PublishingJSON.exception))]))
        }
        admin.get("reports/titles") { request, _ in
            let by = request.uri.queryParameters["by"].map(String.init) ?? "title"
            guard let grouping = SupportReport.Grouping(rawValue: by) else { return JSONResponse.error(.badRequest, "by must be title, format or imprint") }
            let limit = min(max(Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? 20, 1), 1000)
            let rows = try await SupportReport(store: store).rows(by: grouping, limit: limit)
            return JSONResponse.make(.ok, .object(["by": .string(by), "rows": SupportReport.json(rows)]))
        }
        admin.get("launches") { request, _ in
            let days = min(max(Int(request.uri.queryParameters["days"].map(String.init) ?? "") ?? 30, 1), 366)
            let launches = try await LaunchPlanner(store: store).launches(days: days, today: PublishingRules.isoDay(Date()))
            return JSONResponse.make(.ok, .object(["days": .number(Double(days)), "digest": .string(LaunchPlanner.digest(launches, days: days)),
                                                   "launches": .array(launches.map { launch in
                                                       .object(["work_id": .number(Double(launch.work.id)), "title": .string(launch.work.title), "date": .string(launch.date),
                                                                "forecast": .number(Double(launch.forecast)), "isbns": .array(launch.products.compactMap(\.isbn13).map(JSONValue.string))])
                                                   })]))
        }
        router.get("calendar/publishing.ics") { request, _ in try await calendar(request) }
    }

    func title(_ text: String) async throws -> Response {
        guard let isbn = ISBN(text) else { return JSONResponse.error(.badRequest, "\(text) is not a valid ISBN-13 or ISBN-10") }
        guard let context = try await TitleLookup.context(isbn13: isbn.isbn13, store: store, consonance: consonance) else {
            return JSONResponse.error(.notFound, "no title with ISBN \(isbn.isbn13) in Consonance")
        }
        return JSONResponse.make(.ok, context)
    }

    /// The request's JSON object body, or nil (answer ``badBody``).
    func body(_ request: Request) async throws -> JSONValue? {
        guard let buffer = try? await request.body.collect(upTo: 1 << 20),
              let value = try? JSONValue.parse(buffer.readableBytesView), case .object = value else { return nil }
        return value
    }

    var badBody: Response { JSONResponse.error(.badRequest, "the body must be a JSON object (at most 1 MB)") }

    func createTask(_ request: Request) async throws -> Response {
        guard let input = try await body(request) else { return badBody }
        guard let title = input["title"]?.stringValue, !title.isEmpty else { return JSONResponse.error(.badRequest, "title is required") }
        if let due = input["due_on"]?.stringValue, PublishingRules.date(due) == nil { return JSONResponse.error(.badRequest, "due_on must be YYYY-MM-DD") }
        let task = PublishingTask(originKey: input["origin"]?.stringValue, title: title, details: input["details"]?.stringValue, owner: input["owner"]?.stringValue,
                                  dueOn: input["due_on"]?.stringValue, workID: input["work_id"]?.int64Value, isbn13: input["isbn13"]?.stringValue,
                                  createdAt: Int64(Date().timeIntervalSince1970))
        let (stored, created) = try await records.createTask(task, link: await consonance?.hasConnections() ?? false)
        return JSONResponse.make(created ? .created : .ok, PublishingJSON.task(stored))
    }

    func setTaskStatus(_ request: Request, id: String) async throws -> Response {
        guard let input = try await body(request) else { return badBody }
        guard let status = input["status"]?.stringValue else { return JSONResponse.error(.badRequest, "status is required") }
        do {
            guard let task = try await records.setTaskStatus(id: id, status: status) else { return JSONResponse.error(.notFound, "no task \(id)") }
            return JSONResponse.make(.ok, PublishingJSON.task(task))
        } catch let error as RecordError {
            return JSONResponse.error(.badRequest, error.description)
        }
    }

    func createMilestone(_ request: Request) async throws -> Response {
        guard let input = try await body(request) else { return badBody }
        guard let name = input["name"]?.stringValue, !name.isEmpty, let due = input["due_on"]?.stringValue, PublishingRules.date(due) != nil else {
            return JSONResponse.error(.badRequest, "name and due_on (YYYY-MM-DD) are required")
        }
        let milestone = PublishingMilestone(originKey: input["origin"]?.stringValue, name: name, kind: input["kind"]?.stringValue ?? "custom", dueOn: due,
                                            owner: input["owner"]?.stringValue, workID: input["work_id"]?.int64Value, isbn13: input["isbn13"]?.stringValue,
                                            title: input["title"]?.stringValue, createdAt: Int64(Date().timeIntervalSince1970))
        let stored = try await records.saveMilestone(milestone, link: await consonance?.hasConnections() ?? false)
        return JSONResponse.make(stored.id == milestone.id ? .created : .ok, PublishingJSON.milestone(stored))
    }

    /// A rights manager's request for approval (`rights_review.requested` follows, which the rights-approvals recipe
    /// sends to the title's rights holders on WhatsApp).
    func openReview(_ request: Request) async throws -> Response {
        guard let input = try await body(request) else { return badBody }
        guard let question = input["question"]?.stringValue, !question.isEmpty else { return JSONResponse.error(.badRequest, "question is required") }
        if let isbn = input["isbn13"]?.stringValue, ISBN(isbn) == nil { return JSONResponse.error(.badRequest, "isbn13 \"\(isbn)\" is not a valid ISBN") }
        let review = RightsReview(originKey: input["origin"]?.stringValue, question: question, rightType: input["right_type"]?.stringValue,
                                  territory: input["territory"]?.stringValue, requestedBy: input["requested_by"]?.stringValue,
                                  workID: input["work_id"]?.int64Value, isbn13: input["isbn13"]?.stringValue.flatMap { ISBN($0)?.isbn13 },
                                  title: input["title"]?.stringValue, createdAt: Int64(Date().timeIntervalSince1970))
        let (stored, created) = try await records.openReview(review, link: await consonance?.hasConnections() ?? false)
        return JSONResponse.make(created ? .created : .ok, PublishingJSON.review(stored))
    }

    func decide(_ request: Request, id: String) async throws -> Response {
        guard let input = try await body(request) else { return badBody }
        guard let decision = input["decision"]?.stringValue else { return JSONResponse.error(.badRequest, "decision is required: approved, declined or question") }
        do {
            guard let review = try await records.decideReview(id: id, decision: decision, note: input["note"]?.stringValue, by: input["by"]?.stringValue) else {
                return JSONResponse.error(.notFound, "no rights review \(id)")
            }
            return JSONResponse.make(.ok, PublishingJSON.review(review))
        } catch let error as RecordError {
            return JSONResponse.error(.badRequest, error.description)
        }
    }

    func calendar(_ request: Request) async throws -> Response {
        guard let adminToken, !adminToken.isEmpty else { return JSONResponse.error(.unauthorized, "the calendar feed needs an admin token on this node") }
        let presented = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard AdminAuthMiddleware<BasicRequestContext>.equal(Array(presented.utf8), Array(PublishingCalendar.feedToken(adminToken: adminToken).utf8)) else {
            return JSONResponse.error(.unauthorized, "missing or wrong calendar token (switchboard calendar url prints the feed address)")
        }
        let text = try await PublishingCalendar(store: store, publicURL: publicURL).feed().render()
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
