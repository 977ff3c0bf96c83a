"""The AudioStack Files calls the official `audiostack` Python SDK makes, done with plain
`requests` (one `requests` call per request, no Session), timed from the inside
(interpreter start-up and imports excluded). Prints one JSON line.

  python3 bench/files_client.py list <api-base> <api-key> <folder-id> <limit>
      page GET /folders/{id}/files?limit=&offset= until a short page
  python3 bench/files_client.py put <api-base> <api-key> <file> <folder-id>
      POST /files, PUT the bytes with the answered mimeType, poll GET /files/{id}
      every 50 ms (as the SDK does) until "uploaded"
  python3 bench/files_client.py get <api-base> <api-key> <file-id> <destination>
      GET /files/{id} for its url, then a streamed GET written with iter_content(8192)
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


def unwrap(body):
    return body["data"] if isinstance(body, dict) and "data" in body else body


def main():
    mode, api, key = sys.argv[1], sys.argv[2], sys.argv[3]
    headers = {"x-api-key": key}
    baseline = rss_bytes()
    result = {}
    started = time.perf_counter()
    if mode == "list":
        folder, limit = sys.argv[4], int(sys.argv[5])
        files, offset, pages = [], 0, 0
        while True:
            response = requests.get(
                api + "/folders/" + folder + "/files",
                params={"limit": limit, "offset": offset},
                headers=headers,
            )
            response.raise_for_status()
            page = unwrap(response.json())
            pages += 1
            if pages == 1:
                result["firstSeconds"] = time.perf_counter() - started
            files.extend(page)
            offset += len(page)
            if len(page) < limit:
                break
        result.update({"files": len(files), "pages": pages})
    elif mode == "put":
        path, folder = sys.argv[4], sys.argv[5]
        created = requests.post(
            api + "/files",
            json={"file_name": os.path.basename(path), "folder_id": folder},
            headers=headers,
        )
        created.raise_for_status()
        record = unwrap(created.json())
        with open(path, "rb") as body:
            put = requests.put(record["uploadUrl"], data=body, headers={"Content-Type": record["mimeType"]})
        put.raise_for_status()
        deadline = time.perf_counter() + 300
        while True:
            answer = requests.get(api + "/files/" + record["fileId"], headers=headers)
            answer.raise_for_status()
            if unwrap(answer.json())["status"] == "uploaded":
                break
            if time.perf_counter() > deadline:
                raise SystemExit("processing did not finish within 300 s")
            time.sleep(0.05)
        result.update({"fileId": record["fileId"], "bytes": os.path.getsize(path)})
    elif mode == "get":
        file_id, destination = sys.argv[4], sys.argv[5]
        answer = requests.get(api + "/files/" + file_id, headers=headers)
        answer.raise_for_status()
        url = unwrap(answer.json())["url"]
        moved = 0
        response = requests.get(url, stream=True)
        response.raise_for_status()
        with open(destination, "wb") as out:
            for part in response.iter_content(chunk_size=8192):
                out.write(part)
                moved += len(part)
        result["bytes"] = moved
    else:
        raise SystemExit("usage: files_client.py list|put|get ...")
    result["seconds"] = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result["rssGrowth"] = max(0, peak - baseline)
    print(json.dumps(result))


main()
