extension ZendeskAPI {
    /// `GET /incremental/organizations?start_time=`.
    func exportOrganizations(_ request: APIRequest) -> APIResponse {
        timeExport(request, path: "incremental/organizations.json") { snapshot, start, parameters, writer in
            let page = snapshot.organizationExport(from: start, limit: parameters.perPage, cutoff: parameters.cutoff)
            writer.arrayField("organizations") { array in
                for organization in page.records {
                    organization.write(to: &array, links: request.links, includeDeletedAt: true)
                }
            }
            return page.keys
        }
    }

    /// `GET /incremental/ticket_events?start_time=&include=comment_events`.
    func exportTicketEvents(_ request: APIRequest) -> APIResponse {
        timeExport(request, path: "incremental/ticket_events.json") { snapshot, start, parameters, writer in
            let page = snapshot.ticketEventExport(from: start, limit: parameters.perPage, cutoff: parameters.cutoff)
            let includeComments = parameters.include.contains("comment_events")
            writer.arrayField("ticket_events") { array in
                for audit in page.records { audit.writeTicketEvent(to: &array, includeComments: includeComments) }
            }
            return page.keys
        }
    }

    /// The time-export envelope. A page never splits records sharing a timestamp; `end_time` is the last record's
    /// timestamp (one more when a full page holds only `start_time`, so clients cannot loop forever); the stream
    /// ends when a page is short or `end_time` has passed the export cutoff.
    private func timeExport(
        _ request: APIRequest, path: String,
        writeRecords: (ZendeskSnapshot, Int64, ExportParameters, inout JSONWriter) -> [ExportKey]
    ) -> APIResponse {
        let parameters = ExportParameters(query: request.query, now: store.now, exportLag: exportLag)
        let start: Int64
        switch parameters.startTime(request.query, exportLag: exportLag) {
        case .success(let value): start = value
        case .failure(let error): return error.response
        }
        let snapshot = store.snapshot()
        var writer = JSONWriter(capacity: 1500 * min(parameters.perPage, 1000) + 512)
        writer.beginObject()
        let keys = writeRecords(snapshot, start, parameters, &writer)
        var endTime = keys.last?.timestamp ?? start
        if keys.count >= parameters.perPage && endTime == start { endTime = start + 1 }
        let query = ListPagination.query([("start_time", String(endTime))] + parameters.repeatedQuery)
        writer.field("next_page", request.links.api(path + "?" + query))
        writer.field("count", keys.count)
        // Past the cutoff nothing more can exist yet, even after a full page.
        writer.field("end_of_stream", keys.count < parameters.perPage || endTime > parameters.cutoff)
        writer.field("end_time", endTime)
        writer.endObject()
        return .json(writer)
    }
}
