import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// How every `fit` and `sample` subcommand runs its work: a `ValidationError` goes back to
/// ArgumentParser (which prints the usage line with it); any other error is printed as
/// "mixbook NAME: error: …" on standard error and the command exits with status 1.
enum SubcommandRun {
    static func reportingErrors(_ name: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("mixbook \(name): error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Reading the data and timing, shared by every `fit` and `sample` subcommand.
enum FitData {
    /// The comma-separated names of an option such as `--columns a,b` (blanks trimmed).
    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The numeric columns of `path` (or those named in `columns`) and their names.
    static func read(_ path: String, columns: String?) throws -> (Matrix, [String]) {
        let table = try DataTable.read(csv: path)
        let selected = columns.map(names)
        let x = try table.numeric(selected)
        if let selected { return (x, selected) }
        if table.columnNames.count == x.columns { return (x, table.columnNames) }
        let numeric = table.columnNames.filter { (try? table.numeric([$0])) != nil }
        return (x, numeric.count == x.columns ? numeric : (1...x.columns).map { "x\($0)" })
    }

    /// The covariates of a regression: the columns named in `list`, else every numeric
    /// column of `table` that is not one of `targets`.
    static func covariates(of table: DataTable, targets: [String], named list: String?) -> [String] {
        if let list { return names(list) }
        return table.columnNames.filter { !targets.contains($0) && (try? table.numeric([$0])) != nil }
    }

    /// Wall-clock seconds from `start` (an instant of `ContinuousClock`) to now.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
