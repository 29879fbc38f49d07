package bench

import "slices"

// githubPolicies are the paper's github policies (benches/github/cedar),
// OpenFGA's GitHub sample store in Cedar: a repository's permission levels
// are RepoPermission groups users and teams are members of, an
// organization's are OrgPermission groups, and the actions nest (read in
// triage in write in maintain in admin).
const githubPolicies = `// Users with a permission level on a repository may take the actions of
// that level (and of the levels below it, by the action hierarchy).
permit (
    principal,
    action == Action::"read",
    resource
)
when { principal in resource.readers };

permit (
    principal,
    action in Action::"triage",
    resource
)
when { principal in resource.triagers };

permit (
    principal,
    action in Action::"write",
    resource
)
when { principal in resource.writers };

permit (
    principal,
    action in Action::"maintain",
    resource
)
when { principal in resource.maintainers };

permit (
    principal,
    action in Action::"admin",
    resource
)
when { principal in resource.admins };

// Users also inherit permissions from the owner of a repository.
permit (
    principal,
    action == Action::"read",
    resource
)
when { principal in resource.owner.readers };

permit (
    principal,
    action in Action::"write",
    resource
)
when { principal in resource.owner.writers };

permit (
    principal,
    action in Action::"admin",
    resource
)
when { principal in resource.owner.admins };
`

// githubSchema is the github schema in Cedar's schema syntax: the stored
// github-templates schema plus the RepoPermission groups and repository
// attributes the template-free policies use.
const githubSchema = `entity OrgPermission;
entity RepoPermission;
entity Organization in [OrgPermission] = {
  readers: OrgPermission,
  writers: OrgPermission,
  admins: OrgPermission,
};
entity Team in [Team, RepoPermission];
entity User in [Organization, Team, OrgPermission, RepoPermission];
entity Repository = {
  readers: RepoPermission,
  triagers: RepoPermission,
  writers: RepoPermission,
  maintainers: RepoPermission,
  admins: RepoPermission,
  owner: Organization,
};

action admin appliesTo { principal: [User], resource: [Repository] };
action maintain in [admin] appliesTo { principal: [User], resource: [Repository] };
action write in [maintain] appliesTo { principal: [User], resource: [Repository] };
action triage in [write] appliesTo { principal: [User], resource: [Repository] };
action read in [triage] appliesTo { principal: [User], resource: [Repository] };
`

// githubActions from the weakest up: each is in the next.
var githubActions = []string{"read", "triage", "write", "maintain", "admin"}

// githubRepoRoles and githubOrgRoles are the permission levels of a
// repository and of an organization, named as their attributes.
var (
	githubRepoRoles = []string{"readers", "triagers", "writers", "maintainers", "admins"}
	githubOrgRoles  = []string{"readers", "writers", "admins"}
)

// githubInput generates organizations, repositories, teams and users, as
// generators/github_entity_generator.py does: each organization is in a
// random-level permission group of each organization with the connection
// probability; each repository has a uniformly drawn owner; each team is
// in each smaller-index team and in a random-level group of each
// repository with it; each user in a random-level group of each
// repository, in each team, in each organization and in a random-level
// group of each organization with it.
func githubInput() input {
	r := newOopslaRand(2)
	n := oopslaEntitiesPerType
	g := newEntityGraph()
	orgs, repos := numbered("Organization", "org_", n), numbered("Repository", "repo_", n)
	teams, users := numbered("Team", "team_", n), numbered("User", "user_", n)
	orgGroup := func(org uid, role string) uid { return uid{"OrgPermission", org.ID + "_" + role} }
	repoGroup := func(repo uid, role string) uid { return uid{"RepoPermission", repo.ID + "_" + role} }
	randomRepoGroup := func(repo uid) uid { return repoGroup(repo, githubRepoRoles[r.IntN(len(githubRepoRoles))]) }
	randomOrgGroup := func(org uid) uid { return orgGroup(org, githubOrgRoles[r.IntN(len(githubOrgRoles))]) }

	for _, org := range orgs {
		var parents []uid
		for _, other := range orgs {
			if r.connected() {
				parents = append(parents, randomOrgGroup(other))
			}
		}
		attrs := map[string]any{}
		for _, role := range githubOrgRoles {
			attrs[role] = entRef("OrgPermission", orgGroup(org, role).ID)
		}
		g.add(org, attrs, parents)
		for _, role := range githubOrgRoles {
			g.add(orgGroup(org, role), nil, nil)
		}
	}
	owner := map[uid]uid{}
	for _, repo := range repos {
		owner[repo] = r.pick(orgs)
		attrs := map[string]any{"owner": entRef("Organization", owner[repo].ID)}
		for _, role := range githubRepoRoles {
			attrs[role] = entRef("RepoPermission", repoGroup(repo, role).ID)
		}
		g.add(repo, attrs, nil)
		for _, role := range githubRepoRoles {
			g.add(repoGroup(repo, role), nil, nil)
		}
	}
	for i, team := range teams {
		var parents []uid
		for _, outer := range teams[:i] {
			if r.connected() {
				parents = append(parents, outer)
			}
		}
		for _, repo := range repos {
			if r.connected() {
				parents = append(parents, randomRepoGroup(repo))
			}
		}
		g.add(team, nil, parents)
	}
	for _, user := range users {
		var parents []uid
		for _, repo := range repos {
			if r.connected() {
				parents = append(parents, randomRepoGroup(repo))
			}
		}
		for _, team := range teams {
			if r.connected() {
				parents = append(parents, team)
			}
		}
		for _, org := range orgs {
			if r.connected() {
				parents = append(parents, org)
			}
			if r.connected() {
				parents = append(parents, randomOrgGroup(org))
			}
		}
		g.add(user, nil, parents)
	}
	g.addActions(true, githubActions...)

	// actionIn is `action in Action::"level"` by the action hierarchy.
	actionIn := func(action uid, level string) bool {
		return slices.Index(githubActions, action.ID) <= slices.Index(githubActions, level)
	}
	allow := func(q request) bool {
		p, repo, a := q.Principal, q.Resource, q.Action
		org := owner[repo]
		return a.ID == "read" && g.in(p, repoGroup(repo, "readers")) ||
			actionIn(a, "triage") && g.in(p, repoGroup(repo, "triagers")) ||
			actionIn(a, "write") && g.in(p, repoGroup(repo, "writers")) ||
			actionIn(a, "maintain") && g.in(p, repoGroup(repo, "maintainers")) ||
			actionIn(a, "admin") && g.in(p, repoGroup(repo, "admins")) ||
			a.ID == "read" && g.in(p, orgGroup(org, "readers")) ||
			actionIn(a, "write") && g.in(p, orgGroup(org, "writers")) ||
			actionIn(a, "admin") && g.in(p, orgGroup(org, "admins"))
	}
	reqs := drawRequests(r, githubActions,
		func(string) []uid { return users },
		func(string) []uid { return repos }, allow)
	return input{Name: "github", Policies: []byte(githubPolicies), Schema: []byte(githubSchema), Entities: g.json(), Requests: reqs}
}
