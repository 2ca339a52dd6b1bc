import Foundation
import Hummingbird
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The people-profiles part of the admin API: search, one profile with the provenance of every field, its
/// identities and why they were joined, its history, ingesting an activity, and per-source write permissions.
/// Everything goes through ``PeopleProfiles`` so the CLI answers alike.
struct ProfileRoutes {
    let store: Store

    var profiles: PeopleProfiles { PeopleProfiles(store: store) }

    func register(admin: RouterGroup<BasicRequestContext>) {
        admin.get("profiles") { request, _ in
            try await answer {
                let query = request.uri.queryParameters
                let found = try await profiles.search(email: query["email"].map(String.init), phone: query["phone"].map(String.init),
                                                      limit: min(max(Int(query["limit"].map(String.init) ?? "") ?? 200, 1), 5000))
                return JSONResponse.make(.ok, .object(["profiles": .array(found.map(ProfileJSON.summary))]))
            }
        }
        admin.post("profiles/activities") { request, _ in
            try await answer {
                let activity = try ProfileActivity(json: try await body(request))
                let result = try await profiles.ingest(activity)
                return JSONResponse.make(result.duplicate ? .ok : .created, ProfileJSON.ingest(result))
            }
        }
        admin.get("profiles/permissions") { _, _ in
            try await answer {
                let all = try await profiles.allPermissions()
                return JSONResponse.make(.ok, .object(["permissions": .array(all.map { ProfileJSON.permissions($0.0, $0.1) })]))
            }
        }
        admin.get("profiles/permissions/:source") { _, context in
            try await answer {
                let source = try ProfileSource(parsing: context.parameters.get("source") ?? "")
                return JSONResponse.make(.ok, ProfileJSON.permissions(source, try await profiles.permissions(source: source)))
            }
        }
        admin.put("profiles/permissions/:source") { request, context in
            try await answer {
                let source = try ProfileSource(parsing: context.parameters.get("source") ?? "")
                let input = try await body(request)
                guard let mode = input["mode"]?.stringValue else { throw ProfileInputError(field: "mode", message: "is required (all, none, only or except)") }
                var fields: [String] = []
                switch input["fields"] {
                case nil, .null?: break
                case .array(let items)?:
                    for item in items {
                        guard let name = item.stringValue else { throw ProfileInputError(field: "fields", message: "must be a list of field names") }
                        fields.append(name)
                    }
                default: throw ProfileInputError(field: "fields", message: "must be a list of field names")
                }
                let permissions = try FieldPermissions(mode: mode, fields: fields)
                try await profiles.setPermissions(permissions, source: source)
                return JSONResponse.make(.ok, ProfileJSON.permissions(source, permissions))
            }
        }
        admin.get("profiles/:id") { _, context in
            try await answer {
                let id = context.parameters.get("id") ?? ""
                guard let profile = try await profiles.profile(id: id) else { return JSONResponse.error(.notFound, "no profile \(id)") }
                return JSONResponse.make(.ok, ProfileJSON.profile(profile))
            }
        }
        admin.get("profiles/:id/history") { request, context in
            try await answer {
                let id = context.parameters.get("id") ?? ""
                let limit = min(max(Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? 1000, 1), 10_000)
                guard let history = try await profiles.history(id: id, limit: limit) else { return JSONResponse.error(.notFound, "no profile \(id)") }
                return JSONResponse.make(.ok, .object(["profile_id": .string(id), "history": .array(history.map(ProfileJSON.history))]))
            }
        }
    }

    /// Runs `body`, turning a bad input into 400 with the field at fault.
    func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as ProfileInputError {
            return JSONResponse.make(.badRequest, .object(["error": .string(error.description), "field": .string(error.field), "problem": .string(error.message)]))
        }
    }

    /// The request's JSON object body; an empty body is `{}`.
    func body(_ request: Request) async throws -> JSONValue {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: 1 << 20) } catch { throw ProfileInputError(field: "body", message: "larger than 1 MB") }
        if buffer.readableBytes == 0 { return .object([:]) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView)), case .object = value else {
            throw ProfileInputError(field: "body", message: "must be a JSON object")
        }
        return value
    }
}
