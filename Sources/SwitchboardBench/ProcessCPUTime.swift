import Foundation

/// CPU time this process has used (user + system, all threads), for figures that a noisy machine disturbs less than
/// throughput: on a shared host other tenants take wall-clock time from a run, but not the CPU time its work needs.
enum ProcessCPUTime {
    /// Seconds of CPU used so far, from `getrusage(RUSAGE_SELF)`.
    static func seconds() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Seconds of CPU used so far by the processes named `postgres` on this machine (a local server's backends and
    /// background workers), from `/proc/PID/stat`. A backend that exits meanwhile takes its time with it, so this can
    /// only undercount.
    static func postgresSeconds() -> Double {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                  stat[stat.index(after: open)..<close] == "postgres" else { continue }
            // After the command: state, ppid, …; utime and stime are the 12th and 13th of those fields.
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            total += (user + system) / ticks
        }
        return total
    }

    /// Milliseconds of CPU per item while `body` runs: this process's, plus a local PostgreSQL server's if asked.
    static func millisecondsPerItem<T>(items: Int, includingPostgres: Bool = false, _ body: () async throws -> T) async rethrows -> (T, Double) {
        func now() -> Double { seconds() + (includingPostgres ? postgresSeconds() : 0) }
        let before = now()
        let result = try await body()
        return (result, (now() - before) * 1000 / Double(max(items, 1)))
    }
}
