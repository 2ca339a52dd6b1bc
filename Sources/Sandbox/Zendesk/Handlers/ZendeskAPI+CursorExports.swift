extension ZendeskAPI {
    /// `GET /incremental/tickets/cursor`: tickets (deleted ones too) by `(generated_timestamp, id)`.
    func exportTickets(_ request: APIRequest) -> APIResponse {
        cursorExport(request, path: "incremental/tickets/cursor.json") { snapshot, position, parameters, writer in
            let page = snapshot.ticketExport(after: position, limit: parameters.perPage, cutoff: parameters.cutoff)
            writer.arrayField("tickets") { array in
                for ticket in page.records { ticket.write(to: &array, links: request.links) }
            }
            ZendeskAPI.writeSideloads(for: page.records, include: parameters.include, snapshot: snapshot,
                                      links: request.links, to: &writer)
            return (page.lastKey, page.hasMore)
        }
    }

    /// `GET /incremental/users/cursor`: users by `(updated_at, id)`.
    func exportUsers(_ request: APIRequest) -> APIResponse {
        cursorExport(request, path: "incremental/users/cursor.json") { snapshot, position, parameters, writer in
            let page = snapshot.userExport(after: position, limit: parameters.perPage, cutoff: parameters.cutoff)
            writer.arrayField("users") { array in
                for user in page.records { user.write(to: &array, links: request.links) }
            }
            return (page.lastKey, page.hasMore)
        }
    }

    /// The cursor-export envelope: first call with `start_time`, later calls with `cursor`; when caught up the same
    /// cursor comes back with `end_of_stream: true`.
    private func cursorExport(
        _ request: APIRequest, path: String,
        writeRecords: (ZendeskSnapshot, ExportKey, ExportParameters, inout JSONWriter) -> (ExportKey, Bool)
    ) -> APIResponse {
        let parameters = ExportParameters(query: request.query, now: store.now, exportLag: exportLag)
        let position: ExportKey
        if let cursor = request.query["cursor"] {
            guard let decoded = ExportCursor.decode(cursor) else {
                return ZendeskErrors.simple(.unprocessableContent, code: "InvalidValue",
                                            description: "Invalid cursor value: \(cursor)")
            }
            position = decoded
        } else {
            switch parameters.startTime(request.query, exportLag: exportLag) {
            case .success(let start): position = ExportKey.before(timestamp: start)
            case .failure(let error): return error.response
            }
        }
        let snapshot = store.snapshot()
        var writer = JSONWriter(capacity: 2400 * min(parameters.perPage, 1000) + 512)
        writer.beginObject()
        let (lastKey, hasMore) = writeRecords(snapshot, position, parameters, &writer)
        let cursor = ExportCursor.encode(lastKey)
        let query = ListPagination.query([("cursor", cursor)] + parameters.repeatedQuery)
        writer.field("after_url", request.links.api(path + "?" + query))
        writer.field("after_cursor", cursor)
        writer.nullField("before_url")
        writer.nullField("before_cursor")
        writer.field("end_of_stream", !hasMore)
        writer.endObject()
        return .json(writer)
    }

    /// `include=users,organizations` sideloads for a ticket page.
    private static func writeSideloads(for tickets: [TicketRecord], include: [String], snapshot: ZendeskSnapshot,
                                       links: ZendeskLinks, to writer: inout JSONWriter) {
        if include.contains("users") {
            var seen = Set<Int64>()
            var ids: [Int64] = []
            for ticket in tickets {
                for id in [ticket.requesterID, ticket.submitterID] + (ticket.assigneeID.map { [$0] } ?? [])
                where seen.insert(id).inserted { ids.append(id) }
            }
            writer.arrayField("users") { array in
                for id in ids { snapshot.user(id)?.write(to: &array, links: links) }
            }
        }
        if include.contains("organizations") {
            var seen = Set<Int64>()
            let ids = tickets.compactMap(\.organizationID).filter { seen.insert($0).inserted }
            writer.arrayField("organizations") { array in
                for id in ids { snapshot.organizationIncludingDeleted(id)?.write(to: &array, links: links) }
            }
        }
    }
}
