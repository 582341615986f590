/**
 * The messages of the executor API (see {@code shared/contract/job-api.md}), as the job runner reads and writes them.
 * All are snake_case JSON and ignore unknown properties, so a server may send more than the runner needs.
 */
package org.tributary.runner.api;
