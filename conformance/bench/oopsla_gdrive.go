package bench

import "slices"

// gdrivePolicies are the paper's gdrive policies (benches/gdrive/cedar),
// OpenFGA's Google Drive sample store in Cedar: view access is a View
// entity per user and per group that documents and folders are members
// of (a group's View is in each member's View).
const gdrivePolicies = `// If a user is granted view access to a document or a parent folder, or
// the enclosing group is granted view access, then they can read the
// document.
permit (
    principal,
    action == Action::"read",
    resource
)
when { resource in principal.documentsAndFoldersWithViewAccess };

// If a document is public, then anyone can read it.
permit (
    principal,
    action == Action::"read",
    resource
)
when { resource.isPublic };

// A document's owner (or owners of the parent folder) can read, write to,
// or share the document.
permit (
    principal,
    action in [Action::"read", Action::"write", Action::"share"],
    resource
)
when
{ resource in principal.ownedDocuments || resource in principal.ownedFolders };

// A document's owner can change the owner.
permit (
    principal,
    action == Action::"changeOwner",
    resource
)
when { principal.ownedDocuments.contains(resource) };

// A folder's owner can create documents.
permit (
    principal,
    action == Action::"createDocument",
    resource
)
when { principal.ownedFolders.contains(resource) };
`

// gdriveSchema is the gdrive schema in Cedar's schema syntax: the stored
// gdrive-templates schema plus the View entities and the user attribute
// pointing at them that the template-free policies use.
const gdriveSchema = `entity Group;
entity View in [View];
entity User in [Group] = {
  documentsAndFoldersWithViewAccess: View,
  ownedDocuments: Set<Document>,
  ownedFolders: Set<Folder>,
};
entity Folder in [Folder, View];
entity Document in [Folder, View] = {
  isPublic: Bool,
};

action createDocument appliesTo { principal: [User], resource: [Folder] };
action changeOwner, share, write, read appliesTo { principal: [User], resource: [Document] };
`

var gdriveActions = []string{"createDocument", "changeOwner", "share", "write", "read"}

// gdriveInput generates users, groups, documents and folders, as
// generators/gdrive_entity_generator.py does: each user is in each group,
// owns each document and each folder with the connection probability;
// each document is in each folder and visible to each user's and group's
// View with it; folders likewise, in folders of smaller index only; half
// the documents are public.
func gdriveInput() input {
	r := newOopslaRand(1)
	n := oopslaEntitiesPerType
	g := newEntityGraph()
	users, groups := numbered("User", "user_", n), numbered("Group", "group_", n)
	docs, folders := numbered("Document", "doc_", n), numbered("Folder", "folder_", n)
	userView := func(i int) uid { return uid{"View", "User " + users[i].ID} }
	groupView := func(j int) uid { return uid{"View", "Group " + groups[j].ID} }

	// Per user: its View and the documents and folders it owns.
	view := map[uid]uid{}
	ownedDocs, ownedFolders := map[uid][]uid{}, map[uid][]uid{}
	members := make([][]uid, n) // group j's members' Views
	for i, u := range users {
		var parents []uid
		for j, grp := range groups {
			if r.connected() {
				parents = append(parents, grp)
				members[j] = append(members[j], userView(i))
			}
		}
		for _, d := range docs {
			if r.connected() {
				ownedDocs[u] = append(ownedDocs[u], d)
			}
		}
		for _, f := range folders {
			if r.connected() {
				ownedFolders[u] = append(ownedFolders[u], f)
			}
		}
		view[u] = userView(i)
		g.add(u, map[string]any{
			"documentsAndFoldersWithViewAccess": entRef("View", userView(i).ID),
			"ownedDocuments":                    uidsJSON(ownedDocs[u]),
			"ownedFolders":                      uidsJSON(ownedFolders[u]),
		}, parents)
		g.add(userView(i), nil, nil)
	}
	for j, grp := range groups {
		g.add(grp, nil, nil)
		g.add(groupView(j), nil, members[j])
	}
	// viewGrants are the View parents of one document or folder.
	viewGrants := func() []uid {
		var out []uid
		for i := range users {
			if r.connected() {
				out = append(out, userView(i))
			}
		}
		for j := range groups {
			if r.connected() {
				out = append(out, groupView(j))
			}
		}
		return out
	}
	public := map[uid]bool{}
	for _, d := range docs {
		var parents []uid
		for _, f := range folders {
			if r.connected() {
				parents = append(parents, f)
			}
		}
		parents = append(parents, viewGrants()...)
		public[d] = r.IntN(2) == 0
		g.add(d, map[string]any{"isPublic": public[d]}, parents)
	}
	for i, f := range folders {
		var parents []uid
		for _, outer := range folders[:i] {
			if r.connected() {
				parents = append(parents, outer)
			}
		}
		g.add(f, nil, append(parents, viewGrants()...))
	}
	g.addActions(false, gdriveActions...)

	allow := func(q request) bool {
		p, res := q.Principal, q.Resource
		switch q.Action.ID {
		case "read":
			return g.in(res, view[p]) || public[res] || g.inAny(res, ownedDocs[p]) || g.inAny(res, ownedFolders[p])
		case "write", "share":
			return g.inAny(res, ownedDocs[p]) || g.inAny(res, ownedFolders[p])
		case "changeOwner":
			return slices.Contains(ownedDocs[p], res)
		case "createDocument":
			return slices.Contains(ownedFolders[p], res)
		}
		return false
	}
	reqs := drawRequests(r, gdriveActions,
		func(string) []uid { return users },
		func(a string) []uid {
			if a == "createDocument" {
				return folders
			}
			return docs
		}, allow)
	return input{Name: "gdrive", Policies: []byte(gdrivePolicies), Schema: []byte(gdriveSchema), Entities: g.json(), Requests: reqs}
}
