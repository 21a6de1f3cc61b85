//! The one place the UI starts threads. Every background job runs through
//! here: the app's jobs (loads, saves, file dialogs, imports, exports,
//! recovery copies) through a [`Runner`], many at once, each sending its
//! progress and its end as messages of one type; a job one panel waits on
//! (the timeline index, the map's outlines) as a [`Task`], whose one result
//! the panel takes when it is ready. Either way the worker wakes the frame
//! when it has something to hand back, and a job is stopped through the
//! flag it is given (a [`Task`] sets it when dropped). No other module of
//! `src/ui` spawns a thread (`tests/architecture.rs` checks).

use egui::Context;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// A job of a [`Runner`], by the order it was started in.
pub type JobId = u64;

/// Runs `job` on a new thread called `name`: the UI's one spawn.
fn start_thread(name: &str, job: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(job)
        .map(drop)
}

/// Runs `job` on its own thread and forgets it: for warming caches that
/// the first use would otherwise wait on. If no thread can be had, the
/// first use does the work instead.
pub fn warm(name: &str, job: impl FnOnce() + Send + 'static) {
    drop(start_thread(name, job));
}

/// A worker's line back to the frame: progress on the way, the result at
/// the end, each waking the frame.
pub struct Reporter<M> {
    id: JobId,
    tx: Sender<(JobId, M)>,
    ctx: Context,
}

impl<M> Reporter<M> {
    /// Sends a message to the frame and wakes it.
    pub fn send(&self, message: M) {
        // The app may be gone (closing): nothing to tell then.
        let _ = self.tx.send((self.id, message));
        self.ctx.request_repaint();
    }
}

/// The app's jobs, each on a thread of its own, sending messages of type
/// `M` that the frame takes with [`Runner::poll`].
pub struct Runner<M> {
    tx: Sender<(JobId, M)>,
    rx: Receiver<(JobId, M)>,
    running: Vec<(JobId, String)>,
    next: JobId,
    ctx: Context,
}

impl<M> std::fmt::Debug for Runner<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("running", &self.running)
            .finish()
    }
}

impl<M: Send + 'static> Runner<M> {
    /// No jobs yet; workers will wake `ctx`.
    pub fn new(ctx: Context) -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            running: Vec::new(),
            next: 0,
            ctx,
        }
    }

    /// The id the next job will have.
    pub fn next_id(&self) -> JobId {
        self.next
    }

    /// Runs `job` on a worker, shown as `label` while it runs; what it
    /// returns is its last message. If no thread can be had, it runs here.
    pub fn spawn(
        &mut self,
        label: String,
        job: impl FnOnce(&Reporter<M>) -> M + Send + 'static,
    ) -> JobId {
        let id = self.next;
        self.next += 1;
        self.running.push((id, label));
        let reporter = Reporter {
            id,
            tx: self.tx.clone(),
            ctx: self.ctx.clone(),
        };
        // The job waits in a slot the worker empties; if no thread can be
        // had, it is still there to run here.
        type Slot<F, M> = std::sync::Mutex<Option<(F, Reporter<M>)>>;
        fn run<M, F: FnOnce(&Reporter<M>) -> M>(slot: &Slot<F, M>) {
            let taken = slot.lock().ok().and_then(|mut held| held.take());
            if let Some((job, reporter)) = taken {
                let done = job(&reporter);
                reporter.send(done);
            }
        }
        let slot = Arc::new(std::sync::Mutex::new(Some((job, reporter))));
        let worker_slot = Arc::clone(&slot);
        if start_thread("sitrep-job", move || run(&worker_slot)).is_err() {
            run(&slot);
        }
        id
    }

    /// The next message a job sent, if any.
    pub fn poll(&mut self) -> Option<(JobId, M)> {
        self.rx.try_recv().ok()
    }

    /// Marks a job ended: it is no longer shown as running.
    pub fn finished(&mut self, id: JobId) {
        self.running.retain(|(job, _)| *job != id);
    }

    /// The jobs running, oldest first, with what each is doing.
    pub fn running(&self) -> &[(JobId, String)] {
        &self.running
    }
}

/// What a [`Task`] has for the frame.
#[derive(Debug)]
pub enum Poll<T> {
    /// Its result.
    Ready(T),
    /// Still at work.
    Running,
    /// Ended without a result (its thread is gone).
    Stopped,
}

/// One job whose result a panel takes when it is ready; dropping the task
/// asks the worker to stop.
#[derive(Debug)]
pub struct Task<T> {
    result: Receiver<T>,
    cancel: Arc<AtomicBool>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `job` on a thread called `name`, handing it the flag that
    /// asks it to stop; the frame is woken when it ends.
    pub fn start(
        ctx: &Context,
        name: &str,
        job: impl FnOnce(&AtomicBool) -> T + Send + 'static,
    ) -> Result<Self, String> {
        let (send, result) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        let ctx = ctx.clone();
        start_thread(name, move || {
            // The panel may have moved on and dropped the task: nothing to do then.
            let _ = send.send(job(&worker_cancel));
            ctx.request_repaint();
        })
        .map_err(|error| error.to_string())?;
        Ok(Self { result, cancel })
    }

    /// Its result, once; whether it is still at work otherwise.
    pub fn poll(&self) -> Poll<T> {
        match self.result.try_recv() {
            Ok(done) => Poll::Ready(done),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Stopped,
        }
    }
}

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_hands_back_its_result_and_a_dropped_one_is_asked_to_stop() {
        let ctx = Context::default();
        let (go, wait) = channel::<()>();
        let task = Task::start(&ctx, "test", move |_| {
            let _ = wait.recv();
            7
        })
        .expect("a thread");
        assert!(matches!(task.poll(), Poll::Running));
        go.send(()).expect("worker waits");
        let got = loop {
            match task.poll() {
                Poll::Ready(value) => break value,
                Poll::Running => std::thread::yield_now(),
                Poll::Stopped => panic!("stopped"),
            }
        };
        assert_eq!(got, 7);

        let (seen_tx, seen_rx) = channel();
        let (go, wait) = channel::<()>();
        let task = Task::start(&ctx, "test", move |cancel| {
            let _ = wait.recv();
            seen_tx
                .send(cancel.load(Ordering::Relaxed))
                .expect("test listens");
        })
        .expect("a thread");
        drop(task);
        go.send(()).expect("worker waits");
        assert_eq!(seen_rx.recv(), Ok(true));
    }

    #[test]
    fn jobs_report_to_the_runner_and_leave_its_list_when_finished() {
        let mut runner: Runner<u32> = Runner::new(Context::default());
        let id = runner.spawn("Counting".into(), |reporter| {
            reporter.send(1);
            2
        });
        assert_eq!(runner.running().len(), 1);
        let mut got = Vec::new();
        while got.len() < 2 {
            if let Some((job, message)) = runner.poll() {
                assert_eq!(job, id);
                got.push(message);
            }
        }
        assert_eq!(got, [1, 2]);
        runner.finished(id);
        assert!(runner.running().is_empty());
    }
}
