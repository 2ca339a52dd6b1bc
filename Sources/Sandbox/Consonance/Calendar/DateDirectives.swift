/// Formats a date with strftime directives, as Consonance's `publicationDateString(directives: "%-d %B %Y")` does on
/// the server (Ruby's `Date#strftime`).
///
/// Supported: `%Y %C %y %m %-m %d %-d %e %B %^B %b %h %A %a %j %u %w %F %D %%`; any other directive is copied as
/// written. English month and day names, as Consonance's own output uses.
enum DateDirectives {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func format(_ date: SandboxDate, _ directives: String) -> String {
        var output = ""
        var characters = directives.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                output.append(character)
                continue
            }
            guard var directive = characters.next() else {
                output.append("%")
                break
            }
            var flag: Character?
            if directive == "-" || directive == "^" {
                flag = directive
                guard let next = characters.next() else {
                    output.append("%")
                    output.append(directive)
                    break
                }
                directive = next
            }
            if let text = expand(directive, flag: flag, date) {
                output += text
            } else {
                output.append("%")
                if let flag { output.append(flag) }
                output.append(directive)
            }
        }
        return output
    }

    private static func expand(_ directive: Character, flag: Character?, _ date: SandboxDate) -> String? {
        let (year, month, day) = date.components
        let padded = flag != "-"
        func two(_ value: Int) -> String { padded && value < 10 ? "0\(value)" : "\(value)" }
        let text: String
        switch directive {
        case "Y": text = String(year)
        case "C": text = two(year / 100)
        case "y": text = two(year % 100)
        case "m": text = two(month)
        case "d": text = two(day)
        case "e": text = flag == "-" ? "\(day)" : (day < 10 ? " \(day)" : "\(day)")
        case "B": text = months[month - 1]
        case "b", "h": text = String(months[month - 1].prefix(3))
        case "A": text = weekdays[date.weekday]
        case "a": text = String(weekdays[date.weekday].prefix(3))
        case "j":
            let value = date.dayOfYear
            text = padded ? (value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)") : "\(value)"
        case "u": text = String(date.weekday == 0 ? 7 : date.weekday)
        case "w": text = String(date.weekday)
        case "F": text = date.description
        case "D": text = "\(two(month))/\(two(day))/\(two(year % 100))"
        case "%": text = "%"
        default: return nil
        }
        return flag == "^" ? text.uppercased() : text
    }
}
