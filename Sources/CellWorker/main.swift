// The worker process that loads compiled cells; the cell engine issue fills it in.
import Foundation
print("swift-dspy-worker: not implemented yet")
exit(1)
