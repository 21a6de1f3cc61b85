//! When to write a recovery copy of unsaved work: a rule with no window and
//! no clock of its own (the caller hands in the time), so it is tested
//! headless. A copy is written once changes have stood unsaved for the
//! interval, or at once when the window loses focus; each document state
//! is copied once; when nothing is unsaved any copy left is removed.

/// The autosave rule's memory.
#[derive(Clone, Debug)]
pub struct AutosaveClock {
    /// Seconds between copies while there are unsaved changes.
    every: f64,
    /// The document state last copied.
    written: Option<u64>,
    /// When (seconds) the last copy was started, or the unsaved changes
    /// began; `None` while there are none.
    last_at: Option<f64>,
    /// Whether a copy may be on disk.
    on_disk: bool,
}

/// What to do this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Nothing.
    Idle,
    /// Nothing is unsaved: remove the copy on disk.
    RemoveCopy,
    /// Check again in this many seconds.
    WaitFor(f64),
    /// Write a copy of the document now.
    Write,
}

impl AutosaveClock {
    /// A rule that copies unsaved work every `every` seconds.
    pub fn new(every: f64) -> Self {
        Self {
            every,
            written: None,
            last_at: None,
            on_disk: false,
        }
    }

    /// Decides at time `now` (seconds) for a document in `state`, `dirty`
    /// or not, whose window has just lost the focus or not.
    pub fn decide(&mut self, now: f64, state: u64, dirty: bool, lost_focus: bool) -> Decision {
        if !dirty {
            // The clock starts again with the next change.
            self.written = None;
            self.last_at = None;
            return match std::mem::take(&mut self.on_disk) {
                true => Decision::RemoveCopy,
                false => Decision::Idle,
            };
        }
        if self.written == Some(state) {
            return Decision::Idle;
        }
        let due = *self.last_at.get_or_insert(now) + self.every;
        if !lost_focus && now < due {
            return Decision::WaitFor(due - now);
        }
        self.written = Some(state);
        self.last_at = Some(now);
        self.on_disk = true;
        Decision::Write
    }

    /// A copy of `state` is on disk (written, or taken over from a crash).
    pub fn copied(&mut self, state: Option<u64>) {
        self.on_disk = true;
        if state.is_some() {
            self.written = state;
        }
    }

    /// The copy on disk was removed.
    pub fn removed(&mut self) {
        self.on_disk = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsaved_work_is_copied_after_the_interval_once_per_state() {
        let mut clock = AutosaveClock::new(30.0);
        assert_eq!(clock.decide(0.0, 1, false, false), Decision::Idle);
        assert_eq!(clock.decide(10.0, 2, true, false), Decision::WaitFor(30.0));
        assert_eq!(clock.decide(25.0, 3, true, false), Decision::WaitFor(15.0));
        assert_eq!(clock.decide(40.0, 3, true, false), Decision::Write);
        assert_eq!(
            clock.decide(45.0, 3, true, false),
            Decision::Idle,
            "once per state"
        );
        assert_eq!(clock.decide(50.0, 4, true, false), Decision::WaitFor(20.0));
        assert_eq!(clock.decide(71.0, 4, true, false), Decision::Write);
    }

    #[test]
    fn losing_focus_copies_at_once_and_saving_removes_the_copy() {
        let mut clock = AutosaveClock::new(30.0);
        assert_eq!(clock.decide(0.0, 2, true, false), Decision::WaitFor(30.0));
        assert_eq!(clock.decide(1.0, 2, true, true), Decision::Write);
        assert_eq!(clock.decide(2.0, 2, false, false), Decision::RemoveCopy);
        assert_eq!(
            clock.decide(3.0, 2, false, false),
            Decision::Idle,
            "removed once"
        );
        // The interval starts again from the next change.
        assert_eq!(clock.decide(100.0, 3, true, false), Decision::WaitFor(30.0));
    }

    #[test]
    fn a_copy_taken_over_from_a_crash_counts_as_written() {
        let mut clock = AutosaveClock::new(30.0);
        clock.copied(Some(7));
        assert_eq!(clock.decide(0.0, 7, true, true), Decision::Idle);
        assert_eq!(clock.decide(1.0, 7, false, false), Decision::RemoveCopy);
    }
}
