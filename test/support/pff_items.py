"""libpff (python3-pypff) as an oracle of a store's folders and every item each holds, folder-associated
(FAI) ones included, which pffexport does not export: prints JSON, one object per folder, with its
identifier (NID), path, and per item its NID, message class (0x001A) and subject (0x0037) read from
its first record set. Usage: /usr/bin/python3 pff_items.py FILE"""

import json
import sys

import pypff

CLASS, SUBJECT = 0x001A, 0x0037


def text(entry):
    try:
        return entry.get_data_as_string()
    except Exception:
        return None


def item_of(item):
    out = {"nid": item.identifier, "class": None, "subject": None}
    if item.number_of_record_sets > 0:
        for entry in item.get_record_set(0).entries:
            if entry.entry_type == CLASS:
                out["class"] = text(entry)
            elif entry.entry_type == SUBJECT:
                out["subject"] = text(entry)
    return out


def walk(folder, path, out):
    sub = {f.identifier for f in folder.sub_folders}
    items = [item_of(i) for i in folder.sub_items if i.identifier not in sub]
    out.append({"nid": folder.identifier, "path": path, "items": items})
    for f in folder.sub_folders:
        walk(f, path + [f.name or ""], out)


def main():
    store = pypff.file()
    store.open(sys.argv[1])
    out = []
    walk(store.get_root_folder(), [], out)
    json.dump(out, sys.stdout)


main()
