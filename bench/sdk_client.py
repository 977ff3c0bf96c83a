"""What the official api.audio Python SDK does for a transfer, timed from the inside
(interpreter start-up and imports excluded). Prints one JSON line.

  python3 bench/sdk_client.py put <api-base> <api-key> <file>   # GET uploadurl, then PUT
  python3 bench/sdk_client.py get <url> <destination> [chunk]    # streamed GET to a file
"""
import json
import os
import resource
import sys
import time

import requests


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main():
    mode = sys.argv[1]
    baseline = rss_bytes()
    started = time.perf_counter()
    if mode == "put":
        api, key, path = sys.argv[2], sys.argv[3], sys.argv[4]
        answer = requests.get(
            api + "/file/customaudio/uploadurl",
            params={"filename": os.path.basename(path)},
            headers={"x-api-key": key},
        )
        answer.raise_for_status()
        url = answer.json()["fileUploadUrl"]
        with open(path, "rb") as body:
            response = requests.put(url, data=body, headers={"Content-Type": "audio/mpeg"})
        response.raise_for_status()
        moved = os.path.getsize(path)
    else:
        url, destination = sys.argv[2], sys.argv[3]
        chunk = int(sys.argv[4]) if len(sys.argv) > 4 else 8192
        moved = 0
        response = requests.get(url, stream=True)
        response.raise_for_status()
        with open(destination, "wb") as out:
            for part in response.iter_content(chunk_size=chunk):
                out.write(part)
                moved += len(part)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "bytes": moved, "rssGrowth": max(0, peak - baseline)}))


main()
