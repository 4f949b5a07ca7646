// The in-host test files, one import each, in the order they run.
// Add a line here for every new test/host/*.test.ts file: the web extension
// host cannot discover files, so only what is listed is bundled and run.
import './smoke.test';
import './library.test';
import './hostile.test';
import './restore.test';
import './snapshot.test';
import './aliases.test';
import './citations.test';
import './treeCitations.test';
import './references.test';
import './parseWorkers.test';
