import Dispatch
import Foundation

/// A set of worker threads, each owning one reused libcurl easy handle, fed from a FIFO queue.
///
/// Blocking `curl_easy_perform` calls run here, never on Swift's cooperative pool. Threads start on
/// demand up to `maximumWorkers` and live until `shutdown()`. Idle workers form a stack and the most
/// recently idle one gets the next job, so sequential requests land on the same handle and reuse its
/// open connection instead of spreading over every worker's connection cache.
final class CurlWorkerPool: @unchecked Sendable {
  // @unchecked Sendable: every mutable field below is read and written only while holding `lock`;
  // a worker's semaphore is thread-safe and its `assigned` slot is also guarded by `lock`.

  /// A worker's wake-up line and the job handed to it directly while it slept.
  private final class Worker: @unchecked Sendable {
    // @unchecked Sendable: `assigned` is guarded by the pool's `lock`; the semaphore is thread-safe.
    /// Signalled when a job was assigned or the pool shut down.
    let wake = DispatchSemaphore(value: 0)
    /// The job handed over while the worker slept; guarded by the pool's `lock`.
    var assigned: CurlJob?
  }

  private let lock = NSLock()
  private let name: String
  private let maximumWorkers: Int
  private var workerCount = 0
  /// Workers between delivering an outcome and looking at the queue again: they will take queued jobs.
  private var finishing = 0
  private var queue: [CurlJob] = []
  private var idle: [Worker] = []
  private var running: [ObjectIdentifier: TransferControl] = [:]
  private var closed = false

  /// Creates an empty pool; no thread starts before the first job.
  init(name: String, maximumWorkers: Int) {
    self.name = name
    self.maximumWorkers = max(1, maximumWorkers)
  }

  /// The number of worker threads started and not yet finished.
  var threadCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return workerCount
  }

  /// Hands `job` to an idle worker, queues it, or rejects it with `.shutdown` after `shutdown()`.
  func submit(_ job: CurlJob) {
    lock.lock()
    if closed {
      lock.unlock()
      job.reject(.shutdown)
      return
    }
    if let worker = idle.popLast() {
      worker.assigned = job
      running[ObjectIdentifier(job.control)] = job.control
      lock.unlock()
      worker.wake.signal()
      return
    }
    queue.append(job)
    // A worker that is delivering its last outcome takes the next queued job itself; starting another
    // thread then would also open another connection for what is a sequential caller.
    let startWorker = workerCount < maximumWorkers && queue.count > finishing
    if startWorker { workerCount += 1 }
    lock.unlock()
    if startWorker { start(Worker()) }
  }

  /// Stops the job that carries `control`: rejects it now if it is still queued, else aborts its transfer.
  func abort(_ control: TransferControl, reason: HTTPClientError) {
    control.abort(reason)
    lock.lock()
    let index = queue.firstIndex { $0.control === control }
    let withdrawn = index.map { queue.remove(at: $0) }
    lock.unlock()
    withdrawn?.reject(reason)
  }

  /// Rejects queued jobs, aborts running transfers with `.shutdown` and lets the threads end; idempotent.
  ///
  /// Does not wait: each thread finishes its aborted transfer (within about a second), frees its handle
  /// and exits on its own.
  func shutdown() {
    lock.lock()
    guard !closed else {
      lock.unlock()
      return
    }
    closed = true
    let pending = queue
    queue = []
    let sleepers = idle
    idle = []
    let inFlight = Array(running.values)
    lock.unlock()
    for control in inFlight { control.abort(.shutdown) }
    for worker in sleepers { worker.wake.signal() }
    for job in pending { job.reject(.shutdown) }
  }

  /// Starts the thread for `worker`.
  private func start(_ worker: Worker) {
    let thread = Thread { [self] in run(worker) }
    thread.name = name
    thread.start()
  }

  /// A worker thread's life: create a handle, run jobs until shutdown, free the handle.
  private func run(_ worker: Worker) {
    let handle = CurlEasyHandle()
    var finished = false
    while let job = nextJob(for: worker, finished: finished) {
      let deliver: @Sendable () -> Void
      if let reason = job.control.abortReason {
        deliver = { job.reject(reason) }
      } else if let handle {
        deliver = job.run(handle)
      } else {
        deliver = { job.reject(.other) }
      }
      lock.lock()
      running[ObjectIdentifier(job.control)] = nil
      finishing += 1
      lock.unlock()
      deliver()
      finished = true
    }
  }

  /// The next job for `worker`, waiting while there is none; nil once the pool is shut down.
  /// `finished` says the worker comes from delivering an outcome (and was counted in `finishing`).
  private func nextJob(for worker: Worker, finished: Bool) -> CurlJob? {
    lock.lock()
    if finished { finishing -= 1 }
    if !queue.isEmpty {
      let job = queue.removeFirst()
      running[ObjectIdentifier(job.control)] = job.control
      lock.unlock()
      return job
    }
    if closed {
      workerCount -= 1
      lock.unlock()
      return nil
    }
    idle.append(worker)
    lock.unlock()
    worker.wake.wait()
    lock.lock()
    defer { lock.unlock() }
    let job = worker.assigned
    worker.assigned = nil
    if job == nil { workerCount -= 1 }
    return job
  }
}
