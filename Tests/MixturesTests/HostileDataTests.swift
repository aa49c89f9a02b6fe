import XCTest
import LinearAlgebra
@testable import Mixtures

/// Data a careful tester would try: every case fits or fails with a typed error that
/// says what to do, never a crash.
final class HostileDataTests: XCTestCase {
    private func faithful() throws -> Matrix { try DataTable.read(csv: fixture("faithful.csv")).numeric() }

    func testExtremeScalesFitOrFailClearly() throws {
        let x = try faithful()
        for exponent in [-300, -200, -154, -50, 50, 100, 150, 154, 200, 300] {
            let scale = pow(10.0, Double(exponent))
            let scaled = Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { $0 * scale })
            do {
                let fit = try GaussianMixture(components: 2).fit(scaled, seed: 1)
                // A fit is a real fit: finite numbers everywhere, weights summing to one.
                XCTAssertTrue(fit.logLikelihood.isFinite, "1e\(exponent)")
                XCTAssertTrue(fit.parameters.means.isFinite && fit.parameters.covariances.allSatisfy(\.isFinite), "1e\(exponent)")
                XCTAssertEqual(fit.parameters.weights.reduce(0, +), 1, accuracy: 1e-12)
                XCTAssertLessThan(exponent, 154, "1e\(exponent) should have been refused")
            } catch let error as GaussianMixtureError {
                guard case .dataOutOfRange(let column, _) = error else { return XCTFail("1e\(exponent): \(error)") }
                XCTAssertGreaterThanOrEqual(exponent, 150, "1e\(exponent) is representable and should fit")
                XCTAssertEqual(column, 1)   // the waiting times (column 2) span most
                XCTAssertTrue("\(error)".contains("rescale"), "\(error)")
            }
        }
        // k-means shares the check.
        let huge = Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { $0 * 1e200 })
        XCTAssertThrowsError(try KMeans(components: 2).fit(huge, seed: 1)) {
            XCTAssertTrue("\($0)".contains("rescale"), "\($0)")
        }
    }

    func testADirectoryAndADeviceAreNotCSVFiles() throws {
        let dir = FileManager.default.temporaryDirectory.path
        for path in [dir, "/dev/null"] {
            XCTAssertThrowsError(try DataTable.read(csv: path)) { error in
                guard case DataError.notACSVFile(let file, _) = error else { return XCTFail("\(path): \(error)") }
                XCTAssertEqual(file, path)
                XCTAssertTrue("\(error)".contains("not a CSV file"), "\(error)")
            }
        }
    }

    func testAMissingFileSaysWhereARelativePathWasLookedFor() {
        XCTAssertThrowsError(try DataTable.read(csv: "no-such-table.csv")) { error in
            guard case DataError.unreadable(let file, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "no-such-table.csv")
            XCTAssertEqual(reason, "no such file (a relative path is read from the folder \(FileManager.default.currentDirectoryPath))")
        }
        XCTAssertThrowsError(try DataTable.read(csv: "/no/such/table.csv")) {
            XCTAssertEqual("\($0)", "/no/such/table.csv: cannot read file: no such file")
        }
    }

    func testHexadecimalCellsAreNotNumbers() throws {
        for cell in ["0x10", "0X1p3", "-0x1.8p1", "0x1P-2", "1e5x"] {
            let table = try DataTable.parse(csv: "a,b\n1,2\n\(cell),4\n", file: "hex.csv")
            XCTAssertThrowsError(try table.numeric(["a", "b"])) { error in
                XCTAssertEqual(error as? DataError, .nonNumericCell(file: "hex.csv", line: 3, column: "a", value: cell))
            }
        }
        // Decimal forms stay numbers.
        let ok = try DataTable.parse(csv: "a\n+1.5e3\n-.25\n7.\n1E-2\n").numeric()
        XCTAssertEqual(ok.storage, [1500, -0.25, 7, 0.01])
    }

    func testAnOverlongFieldIsNotEchoedWhole() throws {
        let long = String(repeating: "z", count: 100_000)
        let table = try DataTable.parse(csv: "a,b\n1,2\n\(long),4\n", file: "long.csv")
        XCTAssertThrowsError(try table.numeric(["a", "b"])) { error in
            let message = "\(error)"
            XCTAssertLessThan(message.count, 300, message)
            XCTAssertTrue(message.contains("long.csv:3"), message)
            XCTAssertTrue(message.contains("100000 characters"), message)
        }
        let header = try DataTable.parse(csv: "\(long)\n1\n", file: "h.csv")
        XCTAssertThrowsError(try header.numeric(["missing"])) { XCTAssertLessThan("\($0)".count, 300) }
    }
}
