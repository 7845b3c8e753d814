"""ProbLog's answers for many programs in one process (tests/problog.rs, benches/problog.rs).

Reads a JSON list of programs from the file named by the first argument, each
{"program": TEXT, "queries": [TERM, ...]}, evaluates each exactly with ProbLog's default
knowledge compiler, and prints one JSON object: {"results": [[P, ...], ...], "seconds": S},
each program's probabilities in the order of its queries, and the seconds spent evaluating
(grounding, compiling and counting; Python's start and this file's reading left out). A
program ProbLog cannot evaluate gets its error's text instead of a list, and one it has
not evaluated within the seconds given as the second argument gets "timeout" (ProbLog's
grounding of small cyclic programs can take minutes).
"""

import json
import signal
import sys
import time

from problog import get_evaluatable
from problog.program import PrologString


class Timeout(Exception):
    pass


def alarm(_signum, _frame):
    raise Timeout()


def main():
    limit = int(sys.argv[2])
    signal.signal(signal.SIGALRM, alarm)
    with open(sys.argv[1], encoding="utf-8") as f:
        programs = json.load(f)
    evaluatable = get_evaluatable()
    results = []
    spent = 0.0
    for item in programs:
        text = item["program"] + "".join(f"query({q}).\n" for q in item["queries"])
        start = time.perf_counter()
        signal.alarm(limit)
        try:
            answer = evaluatable.create_from(PrologString(text)).evaluate()
        except Timeout:
            results.append("timeout")
            continue
        except Exception as e:  # any failure is reported, and fails the test
            results.append(f"{type(e).__name__}: {e}")
            continue
        finally:
            signal.alarm(0)
            spent += time.perf_counter() - start
        by_name = {str(k): float(v) for k, v in answer.items()}
        results.append([by_name.get(q) for q in item["queries"]])
    json.dump({"results": results, "seconds": spent}, sys.stdout)


main()
