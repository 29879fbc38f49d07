package bench

import "fmt"

// tinyTodoAppPolicies are TinyTodo's four active policies as the paper
// benchmarks them (cedar-examples tinytodo/policies.cedar; the admin,
// intern and location policies there are commented out, and the paper's
// generator gives users no attributes).
const tinyTodoAppPolicies = `// Policy 0: Any User can create a list and see what lists they own
permit (
    principal,
    action in [Action::"CreateList", Action::"GetLists"],
    resource == Application::"TinyTodo"
);

// Policy 1: A User can perform any action on a List they own
permit (principal, action, resource)
when { resource is List && resource.owner == principal };

// Policy 2: A User can see a List if they are either a reader or editor
permit (
    principal,
    action == Action::"GetList",
    resource
)
when { principal in resource.readers || principal in resource.editors };

// Policy 3: A User can update a List and its tasks if they are an editor
permit (
    principal,
    action in
        [Action::"UpdateList",
         Action::"CreateTask",
         Action::"UpdateTask",
         Action::"DeleteTask"],
    resource
)
when { principal in resource.editors };
`

// tinyTodoAppSchema is TinyTodo's schema in Cedar's schema syntax, with
// the entity shapes the paper's generator produces.
const tinyTodoAppSchema = `type Task = {
  id: Long,
  name: String,
  state: String,
};

entity Application;
entity User in [Team, Application];
entity Team in [Team, Application];
entity List in [Application] = {
  editors: Team,
  name: String,
  owner: User,
  readers: Team,
  tasks: Set<Task>,
};

action CreateList, GetLists appliesTo { principal: [User], resource: [Application] };
action GetList, UpdateList, DeleteList, CreateTask, UpdateTask, DeleteTask, EditShares
  appliesTo { principal: [User], resource: [List] };
`

var tinyTodoAppActions = []string{"CreateList", "GetList", "UpdateList", "DeleteList", "GetLists", "CreateTask", "UpdateTask", "DeleteTask", "EditShares"}

// tinyTodoAppInput generates users, teams and lists, as
// generators/tinytodo_entity_generator.py does: each user is in each team
// with the connection probability, each team in each smaller-index team,
// all in Application::"TinyTodo"; each list has a uniformly drawn owner,
// readers team and editors team, and 0 to 50 tasks.
func tinyTodoAppInput() input {
	r := newOopslaRand(3)
	n := oopslaEntitiesPerType
	g := newEntityGraph()
	app := uid{"Application", "TinyTodo"}
	users, teams, lists := numbered("User", "user_", n), numbered("Team", "team_", n), numbered("List", "list_", n)

	g.add(app, nil, nil)
	for _, u := range users {
		var parents []uid
		for _, t := range teams {
			if r.connected() {
				parents = append(parents, t)
			}
		}
		g.add(u, nil, append(parents, app))
	}
	for i, t := range teams {
		var parents []uid
		for _, outer := range teams[:i] {
			if r.connected() {
				parents = append(parents, outer)
			}
		}
		g.add(t, nil, append(parents, app))
	}
	type list struct{ owner, readers, editors uid }
	listOf := map[uid]list{}
	for _, l := range lists {
		ls := list{owner: r.pick(users), readers: r.pick(teams), editors: r.pick(teams)}
		listOf[l] = ls
		tasks := make([]any, r.IntN(51))
		for k := range tasks {
			state := "Unchecked"
			if r.IntN(2) == 0 {
				state = "Checked"
			}
			tasks[k] = map[string]any{"name": fmt.Sprint("task_", 1+r.IntN(1000000)), "id": 1 + r.IntN(1000000), "state": state}
		}
		g.add(l, map[string]any{
			"name": l.ID, "owner": entRef("User", ls.owner.ID),
			"readers": entRef("Team", ls.readers.ID), "editors": entRef("Team", ls.editors.ID),
			"tasks": tasks,
		}, []uid{app})
	}
	g.addActions(false, tinyTodoAppActions...)

	allow := func(q request) bool {
		p, a := q.Principal, q.Action.ID
		if q.Resource == app {
			return a == "CreateList" || a == "GetLists"
		}
		l := listOf[q.Resource]
		switch {
		case l.owner == p:
			return true
		case a == "GetList":
			return g.in(p, l.readers) || g.in(p, l.editors)
		case a == "UpdateList" || a == "CreateTask" || a == "UpdateTask" || a == "DeleteTask":
			return g.in(p, l.editors)
		}
		return false
	}
	reqs := drawRequests(r, tinyTodoAppActions,
		func(string) []uid { return users },
		func(a string) []uid {
			if a == "CreateList" || a == "GetLists" {
				return []uid{app}
			}
			return lists
		}, allow)
	return input{Name: "tinytodo", Policies: []byte(tinyTodoAppPolicies), Schema: []byte(tinyTodoAppSchema), Entities: g.json(), Requests: reqs}
}
